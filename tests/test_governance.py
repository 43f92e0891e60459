"""Sign-in, roles and usage: local users with scrypt hashes, roles to policies, OIDC emails to roles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from governance.access import access_mode, identity_for_role, local_sign_in, oidc_identity, single_user
from governance.passwords import hash_password, verify_password
from governance.usage import Prices, daily_usage
from settings import _read_toml

ANA_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def ana_hash() -> str:
    return hash_password(ANA_PASSWORD)


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ana_hash: str) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f"""
[app]
user = "laptop-user"
role = "analyst"

[access]
mode = "local"
default_role = "viewer"
[access.users.ana]
password_hash = "{ana_hash}"
role = "admin"
[access.users.bo]
password_hash = "{ana_hash}"
role = "analyst"
[access.emails]
"cy@example.com" = "analyst"

[roles.analyst]
tables = ["orders", "customers"]
hidden_columns = ["customers.city"]
masked_columns = ["customers.customer_name"]
"""
    )
    monkeypatch.setenv("TABLETALK_SECRETS", str(secrets))
    monkeypatch.delenv("TABLETALK_USER", raising=False)
    _read_toml.cache_clear()


def test_password_hashes_verify_only_the_right_password(ana_hash: str) -> None:
    assert ana_hash.startswith("scrypt$") and ANA_PASSWORD not in ana_hash
    assert verify_password(ANA_PASSWORD, ana_hash)
    assert not verify_password(ANA_PASSWORD + " ", ana_hash)
    assert not verify_password(ANA_PASSWORD, "not a hash")
    assert hash_password(ANA_PASSWORD) != ana_hash  # salted


def test_local_users_sign_in_with_their_role(configured: None) -> None:
    assert access_mode() == "local"
    ana = local_sign_in("ana", ANA_PASSWORD)
    assert ana is not None and ana.role == "admin" and ana.admin and ana.policy.unrestricted
    bo = local_sign_in(" bo ", ANA_PASSWORD)
    assert bo is not None and bo.role == "analyst" and not bo.admin
    assert bo.policy.tables == frozenset({"orders", "customers"})
    assert ("customers", "city") in bo.policy.hidden and ("customers", "customer_name") in bo.policy.masked
    assert local_sign_in("ana", "wrong") is None
    assert local_sign_in("nobody", ANA_PASSWORD) is None


def test_single_user_and_oidc_roles(configured: None) -> None:
    laptop = single_user()
    assert (laptop.name, laptop.role, laptop.admin) == ("laptop-user", "analyst", False)
    cy = oidc_identity("cy@example.com", "Cy")
    assert (cy.name, cy.role) == ("Cy", "analyst") and not cy.policy.unrestricted
    stranger = oidc_identity("dee@example.com")
    assert (stranger.name, stranger.role, stranger.admin) == ("dee@example.com", "viewer", False)
    assert identity_for_role("x", "admin").admin


def test_an_unknown_access_mode_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[access]\nmode = "ldap"\n')
    monkeypatch.setenv("TABLETALK_SECRETS", str(secrets))
    _read_toml.cache_clear()
    with pytest.raises(ValueError, match="ldap"):
        access_mode()


def test_daily_usage_and_the_hosted_api_comparison() -> None:
    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 11, day, hour, tzinfo=UTC)

    entries = pd.DataFrame(
        {
            "at": pd.to_datetime([at(1, 9), at(1, 10), at(1, 11), at(2, 9), at(2, 10)], utc=True),
            "source": ["question", "question", "question", "question", "saved_query"],
            "outcome": ["answered", "answered", "failed", "answered", "answered"],
            "rows": [3, 0, 0, 5, 2],
            "seconds": [2.0, 4.0, 9.0, 3.0, 0.1],
            "prompt_tokens": [1000, 1000, 2000, 500, 0],
            "completion_tokens": [100, 100, 300, 50, 0],
        }
    )
    daily = daily_usage(entries, Prices(prompt_per_1k=0.5, completion_per_1k=2.0))
    assert daily["questions"].tolist() == [3, 1]  # re-runs of saved queries are not questions
    assert daily["answered"].round(3).tolist() == [0.333, 1.0]  # a query that found no rows did not answer
    assert daily["median_seconds"].tolist() == [4.0, 3.0]
    assert daily["prompt_tokens"].tolist() == [4000, 500]
    assert daily["hosted_cost_usd"].round(4).tolist() == [4000 / 1000 * 0.5 + 500 / 1000 * 2.0, 0.25 + 0.1]
    assert daily_usage(entries.iloc[0:0], Prices()).empty
