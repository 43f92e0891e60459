"""Sign-in modes, users and their roles, from `.streamlit/secrets.toml`:

    [access]
    mode = "single"              # "single": one user, no sign-in (a laptop); "local": the users below;
                                 # "oidc": Streamlit's st.login (configure Streamlit's own [auth] section)
    default_role = "viewer"      # oidc: the role of a signed-in email not listed under [access.emails]
    [access.users.ana]           # local mode; the hash from `python -m governance.passwords`
    password_hash = "scrypt$..."
    role = "admin"
    [access.emails]              # oidc mode
    "ana@example.com" = "admin"

    [roles.analyst]              # what a role may query (see connectors.policy); admin = true opens the
    tables = ["orders", "customers"]      # audit and usage pages
    hidden_columns = ["customers.email"]
    masked_columns = ["customers.name"]
    admin = false

A role with no [roles.NAME] section may query everything. In single mode the user's role is `[app] role`
(default "admin").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from secrets import token_hex
from typing import Any

from connectors.policy import EVERYTHING, Policy
from governance.passwords import hash_password, verify_password
from settings import app_settings, secrets

MODES = ("single", "local", "oidc")


@dataclass(frozen=True)
class Identity:
    name: str
    role: str
    policy: Policy
    admin: bool


def access_mode() -> str:
    mode = str(secrets().get("access", {}).get("mode", "single")).lower()
    if mode not in MODES:
        raise ValueError(f"Unknown [access] mode {mode!r}: choose one of {', '.join(MODES)}.")
    return mode


def identity_for_role(name: str, role: str) -> Identity:
    section: dict[str, Any] = secrets().get("roles", {}).get(role, {})
    policy = Policy.from_config(role, section) if section else EVERYTHING
    if policy is EVERYTHING and role != EVERYTHING.role:
        policy = Policy(role=role)
    return Identity(name=name, role=role, policy=policy, admin=bool(section.get("admin", role == "admin")))


def single_user() -> Identity:
    settings = app_settings()
    role = str(secrets().get("app", {}).get("role", "admin"))
    return identity_for_role(settings.user, role)


def local_sign_in(user_name: str, password: str) -> Identity | None:
    """The user if the name and password match `[access.users]`; None otherwise (never says which was wrong)."""
    users = secrets().get("access", {}).get("users", {})
    entry = users.get(user_name.strip())
    stored = str(entry.get("password_hash", "")) if isinstance(entry, dict) else ""
    if not stored or not verify_password(password, stored):
        verify_password(password, _dummy_hash())  # the same time whether or not the user exists
        return None
    return identity_for_role(user_name.strip(), str(entry.get("role", "viewer")))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(token_hex(8))


def oidc_identity(email: str, display_name: str | None = None) -> Identity:
    section = secrets().get("access", {})
    role = section.get("emails", {}).get(email) or section.get("default_role", "viewer")
    return identity_for_role(display_name or email, str(role))


def display_name(user_name: str) -> str:
    """The name people read for a user: `[access.users.NAME] display_name`, or `[app] display_name` for the
    single user; else the user name itself."""
    configured = secrets()
    user = configured.get("access", {}).get("users", {}).get(user_name, {})
    if isinstance(user, dict) and user.get("display_name"):
        return str(user["display_name"])
    if access_mode() == "single" and user_name == app_settings().user:
        return str(configured.get("app", {}).get("display_name") or user_name)
    return user_name
