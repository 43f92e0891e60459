"""Who can reach the app: without a sign-in it serves this machine only.

Single-user mode has no sign-in, so anyone who can open the page can query the warehouse. It is safe on
127.0.0.1 (the default in .streamlit/config.toml) and refused on any other address until `[access] mode`
is "local" or "oidc".

    python -m governance.exposure ADDRESS   # exits 2 with the reason when the app must not start there
"""

from __future__ import annotations

import ipaddress
import sys

from governance.access import access_mode

LOOPBACK_NAMES = ("localhost",)


def is_loopback(address: str | None) -> bool:
    """Whether only this machine can connect. No address at all means every interface."""
    if not address:
        return False
    if address.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to a public interface


def exposure_problem(address: str | None, mode: str | None = None) -> str | None:
    """Why the app must not serve on `address`, or None when it may."""
    mode = mode or access_mode()
    if mode != "single" or is_loopback(address):
        return None
    where = f"address {address}" if address else "every network interface"
    return (
        f"Tabletalk will not serve on {where} without a sign-in: in single-user mode anyone who can reach it could "
        'query the warehouse. Either listen on this machine only (server.address = "127.0.0.1", the default), '
        'or set [access] mode = "local" (users and passwords) or "oidc" (your company sign-in) in '
        ".streamlit/secrets.toml. See the README, section Security."
    )


def main(argv: list[str]) -> int:
    problem = exposure_problem(argv[0] if argv else None)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
