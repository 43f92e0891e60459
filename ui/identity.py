"""Who is using this browser session: one user on a laptop, a local user list, or OIDC through st.login."""

from __future__ import annotations

import streamlit as st

from governance.access import Identity, access_mode, local_sign_in, oidc_identity, single_user

IDENTITY_KEY = "identity"


def current_identity() -> Identity:
    """The signed-in user; draws the sign-in form and stops the page when nobody is signed in yet."""
    mode = access_mode()
    if mode == "single":
        return single_user()
    if mode == "oidc":
        return _oidc()
    identity = st.session_state.get(IDENTITY_KEY)
    if identity is None:
        _local_sign_in_form()
        st.stop()
    return identity


def sign_out() -> None:
    st.session_state.pop(IDENTITY_KEY, None)
    if access_mode() == "oidc":
        st.logout()


def _local_sign_in_form() -> None:
    st.title("Sign in")
    with st.form("sign-in"):
        name = st.text_input("User name")
        password = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        identity = local_sign_in(name, password)
        if identity is None:
            st.error("That user name and password do not match.", icon=":material/error:")
        else:
            st.session_state[IDENTITY_KEY] = identity
            st.rerun()


def _oidc() -> Identity:
    if not st.user.is_logged_in:
        st.title("Sign in")
        st.button("Sign in with your company account", on_click=st.login, type="primary")
        st.stop()
    email = str(st.user.get("email") or "")
    return oidc_identity(email, str(st.user.get("name") or email))
