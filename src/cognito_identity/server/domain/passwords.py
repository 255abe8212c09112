"""Password policy and the SRP verifier that stands in for the password.

The server never stores a password or a password hash: only a random salt and the SRP
verifier ``v = g^x mod N``. A plain password (USER_PASSWORD_AUTH) is checked by recomputing
the verifier and comparing in constant time.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from ...errors import InvalidPasswordException
from ...protocol.srp import compute_verifier
from ..ops import OpContext
from .records import PoolRecord

SALT_BYTES = 16
#: Cognito's special characters (and the space, allowed inside a password).
SYMBOLS = frozenset("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")
_POLICY_PREFIX = "Password did not conform with policy: "
_DEFAULT_POLICY: dict[str, Any] = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}


@dataclass(frozen=True)
class Verifier:
    """What is stored for a password: salt and verifier, both lowercase hex."""

    salt_hex: str
    verifier_hex: str


def _policy(pool: PoolRecord) -> dict[str, Any]:
    policies = pool.config.get("Policies") or {}
    return {**_DEFAULT_POLICY, **(policies.get("PasswordPolicy") or {})}


def _failures(policy: dict[str, Any], password: str) -> list[str]:
    """Every rule the password breaks, in the order Cognito reports them."""
    rules = [
        (len(password) >= int(policy["MinimumLength"]), True, "Password not long enough"),
        (any(c.isupper() for c in password), policy["RequireUppercase"], "uppercase"),
        (any(c.islower() for c in password), policy["RequireLowercase"], "lowercase"),
        (any(c.isdigit() for c in password), policy["RequireNumbers"], "numeric"),
        (any(c in SYMBOLS for c in password), policy["RequireSymbols"], "symbol"),
    ]
    return [name for passed, required, name in rules if required and not passed]


def check_policy(pool: PoolRecord, password: str) -> None:
    """Raise InvalidPasswordException naming the first rule ``password`` breaks."""
    failures = _failures(_policy(pool), password)
    if not failures:
        return
    first = failures[0]
    detail = first if first.startswith("Password") else f"Password must have {first} characters"
    raise InvalidPasswordException(_POLICY_PREFIX + detail)


def make_verifier(ctx: OpContext, pool: PoolRecord, user_id: str, password: str) -> Verifier:
    """A fresh salt and the verifier for ``password``; ``user_id`` is the USER_ID_FOR_SRP."""
    salt = int.from_bytes(ctx.random_bytes(SALT_BYTES), "big")
    verifier = compute_verifier(salt, pool.name_part, user_id, password)
    return Verifier(format(salt, "032x"), format(verifier, "x"))


def password_matches(
    pool: PoolRecord, user_id: str, password: str, salt_hex: str, verifier_hex: str
) -> bool:
    """Recompute the verifier from ``password`` and compare with the stored one in constant time."""
    verifier = compute_verifier(int(salt_hex, 16), pool.name_part, user_id, password)
    return hmac.compare_digest(format(verifier, "x").encode(), verifier_hex.encode())
