"""The app's own state (saved queries, verified question/SQL pairs) in a SQLAlchemy database."""
