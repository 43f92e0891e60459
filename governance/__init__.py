"""Who may ask what: sign-in modes, users and roles, and what their usage costs."""
