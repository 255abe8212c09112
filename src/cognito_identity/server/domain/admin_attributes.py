"""An administrator changing a user's attributes (AdminUpdateUserAttributes / ...Delete...).

Unlike the user, an administrator may write ``email_verified`` and ``phone_number_verified``.
A new email / phone sent together with its ``*_verified`` flag set to ``true`` takes effect at
once, verified, and no code is sent; otherwise the change goes the way a user's own does
(:func:`.profile.update`): unverified, a code sent when the pool auto-verifies the attribute,
or held back while the old verified value stays in effect when the pool asks for that.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import InvalidParameterException
from ..ops import OpContext
from . import attributes, codes, profile, users
from .records import PoolRecord

FLAGS = {f"{name}_verified": name for name in profile.VERIFIABLE}


def check_update(pool: PoolRecord, values: dict[str, str]) -> None:
    """The values may be written by an administrator (``sub`` never: it is immutable)."""
    attributes.check_update(pool, values)
    for flag in FLAGS:
        if flag in values and values[flag] not in ("true", "false"):
            raise attributes.schema_error(flag, "Boolean must be true or false")


def _verified_now(values: dict[str, str]) -> dict[str, str]:
    """New email / phone values whose flag the administrator sets to true in the same call."""
    return {
        name: values[name]
        for flag, name in FLAGS.items()
        if values.get(flag) == "true" and values.get(name)
    }


def update(
    ctx: OpContext, pool: PoolRecord, user: users.UserRecord, values: dict[str, str]
) -> None:
    """Apply AdminUpdateUserAttributes' (checked) values; codes go out as for a user."""
    direct = _verified_now(values)
    flags = {flag: values[flag] for flag in FLAGS if flag in values}
    rest = {k: v for k, v in values.items() if k not in flags and k not in direct}
    profile.update(ctx, pool, user, rest)
    fresh = users.reload(ctx, user)
    attrs = dict(fresh.attributes)
    pending = dict(fresh.pending_attributes or {})
    for name, value in direct.items():
        attrs[name] = value
        pending.pop(name, None)
        # A code sent for an earlier value must not verify this one.
        codes.invalidate(ctx, pool.id, user.username_key, codes.attribute_purpose(name))
    attrs.update(flags)
    users.set_attributes(ctx, pool, fresh, attrs, pending)


def check_deletable(pool: PoolRecord, names: Iterable[str]) -> None:
    """The attributes exist, are neither required nor immutable (``sub`` is both)."""
    for name in names:
        if name == "sub":
            raise InvalidParameterException("Cannot delete the sub attribute.")
        if attributes.definition(pool, name).get("Required"):
            raise attributes.schema_error(name, "The attribute is required")
    attributes.check_mutable(pool, [name for name in names if name not in FLAGS])


def delete(ctx: OpContext, pool: PoolRecord, user: users.UserRecord, names: list[str]) -> None:
    """Remove the attributes (a verification flag alone may go too)."""
    profile.delete(ctx, pool, user, [name for name in names if name not in FLAGS])
    fresh = users.reload(ctx, user)
    flags = [name for name in names if name in FLAGS]
    if flags:
        attrs = {k: v for k, v in fresh.attributes.items() if k not in flags}
        users.set_attributes(ctx, pool, fresh, attrs, fresh.pending_attributes)
