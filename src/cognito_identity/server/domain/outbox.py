"""Messages the local server "sends" (codes by email or SMS): stored and logged, never delivered.

The developer reads them from ``GET /_local/messages`` or from the server log. Codes are meant
to be seen here; passwords never pass through this module.
"""

from __future__ import annotations

import logging

from ..ops import OpContext
from ..store.schema import outbox

logger = logging.getLogger("cognito_identity.server.outbox")

DEFAULT_CODE_MESSAGE = "Your verification code is {####}."


def render(template: str | None, code: str) -> str:
    """Put ``code`` into a Cognito message template (the ``{####}`` placeholder)."""
    return (template or DEFAULT_CODE_MESSAGE).replace("{####}", code)


def send(
    ctx: OpContext,
    pool_id: str,
    username: str | None,
    destination: str | None,
    medium: str,
    kind: str,
    code: str | None,
    message: str,
) -> None:
    """Record one outgoing message and log it (destination and code, for the developer)."""
    ctx.conn.execute(
        outbox.insert().values(
            pool_id=pool_id,
            username=username,
            destination=destination,
            medium=medium,
            kind=kind,
            code=code,
            message=message,
            sent_at=ctx.now,
        )
    )
    if ctx.config.log_messages:
        logger.info(
            "%s %s message for %s in %s to %s: code %s",
            medium,
            kind,
            username,
            pool_id,
            destination,
            code,
        )
