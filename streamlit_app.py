"""Tabletalk: the entry point `streamlit run streamlit_app.py` opens. Pages, sidebar, nothing else."""

from __future__ import annotations

import streamlit as st

from settings import model_settings
from ui.resources import model_loader
from ui.sidebar import render_sidebar

st.set_page_config(page_title="Tabletalk", page_icon="💬", layout="wide")

# The folder is app_pages/, not pages/: with a pages/ folder Streamlit 1.67 still runs its old multipage
# mode on a process's first request to a page URL (no sidebar, no page config) and in AppTest reruns.
page = st.navigation(
    [
        st.Page("app_pages/chat.py", title="Chat", icon="💬", default=True),
        st.Page("app_pages/saved.py", title="Saved queries", icon="🔖", url_path="saved"),
        st.Page("app_pages/dashboard.py", title="Dashboard", icon="📊", url_path="dashboard"),
    ]
)

try:
    settings = model_settings()
except ValueError as error:
    st.error(f"The model settings are not valid: {error} Fix them in .streamlit/secrets.toml or the environment.")
    st.stop()

render_sidebar(settings)
page.run()
model_loader(settings).start()
