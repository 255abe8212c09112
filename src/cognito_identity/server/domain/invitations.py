"""AdminCreateUser's temporary password and the invitation that carries it.

The temporary password is stored only as an SRP verifier, like any password; the user's status
FORCE_CHANGE_PASSWORD marks it temporary and ``password_set_at`` plus the pool's
``TemporaryPasswordValidityDays`` is its expiry (:func:`.sign_in.check_temporary_password`).
Its only clear copy is the invitation message in the outbox, as Cognito's only copy is the
email or SMS it sends (the outbox's ``code`` column stays empty and nothing is logged).
"""

from __future__ import annotations

import string

from ..ops import OpContext
from . import outbox, trigger_events
from .ids import random_string
from .records import PoolRecord
from .users import UserRecord

KIND = "admin_create_user"
DEFAULT_LENGTH = 12
# A symbol set every policy accepts and that survives copying from an email or a terminal.
SYMBOLS = "^$*.!@#%&-_=+?"
DEFAULT_SMS = "Your username is {username} and temporary password is {####}."
DEFAULT_EMAIL = "Your username is {username} and temporary password is {####}."
_CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS)
_CHANNELS = (("SMS", "phone_number"), ("EMAIL", "email"))


def _random_index(ctx: OpContext, size: int) -> int:
    return int.from_bytes(ctx.random_bytes(8), "big") % size


def temporary_password(ctx: OpContext, pool: PoolRecord) -> str:
    """A random password that meets the pool's policy: one character of every class plus
    letters and digits, as long as the policy's minimum (at least 12), shuffled."""
    policy = (pool.config.get("Policies") or {}).get("PasswordPolicy") or {}
    length = max(DEFAULT_LENGTH, int(policy.get("MinimumLength") or 0))
    filler = random_string(ctx.random_bytes, string.ascii_letters + string.digits, length - 4)
    chars = [random_string(ctx.random_bytes, alphabet, 1) for alphabet in _CLASSES]
    chars += list(filler)
    for index in range(len(chars) - 1, 0, -1):  # Fisher-Yates
        other = _random_index(ctx, index + 1)
        chars[index], chars[other] = chars[other], chars[index]
    return "".join(chars)


def _template(pool: PoolRecord, medium: str) -> str:
    config = pool.config.get("AdminCreateUserConfig") or {}
    templates = config.get("InviteMessageTemplate") or {}
    if medium == "EMAIL":
        return str(templates.get("EmailMessage") or DEFAULT_EMAIL)
    return str(templates.get("SMSMessage") or DEFAULT_SMS)


def _channels(user: UserRecord, mediums: list[str]) -> list[tuple[str, str | None]]:
    """(medium, destination) pairs: the desired mediums the user has, else any it has."""
    wanted = [(m, user.attributes.get(a)) for m, a in _CHANNELS if m in mediums]
    found: list[tuple[str, str | None]] = [(medium, value) for medium, value in wanted if value]
    if found:
        return found
    # Nowhere to send as asked: locally the invitation still lands in the outbox.
    others = [(m, user.attributes.get(a)) for m, a in _CHANNELS]
    return [pair for pair in others if pair[1]][:1] or [(mediums[0], None)]


def send_invitation(
    ctx: OpContext, pool: PoolRecord, user: UserRecord, password: str, mediums: list[str]
) -> None:
    """Put the invitation (username and temporary password) in the outbox."""
    for medium, destination in _channels(user, mediums or ["SMS"]):
        template = trigger_events.custom_message(ctx, pool, user, medium, _template(pool, medium))
        text = str(template).replace("{username}", user.username)
        message = text.replace("{####}", password)
        outbox.send(ctx, pool.id, user.username, destination, medium, KIND, None, message)
