"""Password hashes for the local user list: scrypt from the standard library, constant-time comparison.

python -m governance.passwords        # asks for a password, prints the line for secrets.toml
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import secrets
import sys

# OWASP's scrypt parameters (N=2^17, r=8, p=1): about 0.1-0.3 s and 128 MiB per check.
_N, _R, _P = 2**17, 8, 1
_MAXMEM = 256 * 1024 * 1024
_PREFIX = "scrypt"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
    return f"{_PREFIX}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
        if prefix != _PREFIX:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), maxmem=_MAXMEM
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


if __name__ == "__main__":
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        sys.exit("The two passwords differ.")
    print(f'password_hash = "{hash_password(first)}"')
