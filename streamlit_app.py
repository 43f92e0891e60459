"""Tabletalk: the entry point `streamlit run streamlit_app.py` opens. Sign-in, pages, sidebar, nothing else."""

from __future__ import annotations

import sys

import streamlit as st

from governance.exposure import exposure_problem
from settings import model_settings
from ui.identity import current_identity
from ui.resources import start_warm_start
from ui.sidebar import render_sidebar

st.set_page_config(page_title="Tabletalk", page_icon="💬", layout="wide")
# SQL editors (keys sql-*) in a monospace face: Streamlit's bundled code font.
st.html('<style>[class*="st-key-sql-"] textarea { font-family: "Source Code Pro", monospace; }</style>')

try:
    if problem := exposure_problem(st.get_option("server.address")):
        print(problem, file=sys.stderr)
        st.error(problem, icon=":material/lock:")
        st.stop()
    settings = model_settings()
    identity = current_identity()  # draws the sign-in form and stops here when nobody is signed in
except ValueError as error:
    st.error(f"The settings are not valid: {error} Fix them in .streamlit/secrets.toml or the environment.")
    st.stop()

# The folder is app_pages/, not pages/: with a pages/ folder Streamlit 1.67 still runs its old multipage
# mode on a process's first request to a page URL (no sidebar, no page config) and in AppTest reruns.
pages = [
    st.Page("app_pages/chat.py", title="Chat", icon="💬", default=True),
    st.Page("app_pages/saved.py", title="Saved queries", icon="🔖", url_path="saved"),
    st.Page("app_pages/dashboard.py", title="Dashboard", icon="📊", url_path="dashboard"),
]
if identity.admin:
    pages += [
        st.Page("app_pages/audit.py", title="Audit log", icon="📜", url_path="audit"),
        st.Page("app_pages/usage.py", title="Usage", icon="📈", url_path="usage"),
        st.Page("app_pages/semantic.py", title="Business definitions", icon="📘", url_path="definitions"),
    ]
page = st.navigation(pages)

render_sidebar(settings, identity)
page.run()
start_warm_start(settings)
