"""``GET /_local/messages``: the codes and messages the server "sent", newest first.

The local server delivers nothing: sign-up, MFA, forgot-password and attribute-verification
messages go to the ``outbox`` table, and tests, the demo and people read them here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .store.schema import outbox
from .wire import JSON, json_response

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def iso_utc(seconds: float) -> str:
    """``2024-05-01T12:00:00.000Z`` for POSIX ``seconds``."""
    moment = datetime.fromtimestamp(seconds, timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _limit(text: str | None) -> int:
    if text is None or not text.isdigit():
        return DEFAULT_LIMIT
    return max(1, min(int(text), MAX_LIMIT))


def messages_query(params: dict[str, str]) -> sa.Select[Any]:
    """The outbox rows matching the filters, newest first.

    Usernames match case-insensitively, like sign-in names in a default pool; an empty or
    absent filter matches everything.
    """
    query = sa.select(outbox).order_by(outbox.c.sent_at.desc(), outbox.c.id.desc())
    if params.get("pool_id"):
        query = query.where(outbox.c.pool_id == params["pool_id"])
    if params.get("username"):
        query = query.where(sa.func.lower(outbox.c.username) == params["username"].lower())
    if params.get("destination"):
        query = query.where(outbox.c.destination == params["destination"])
    return query.limit(_limit(params.get("limit")))


def _message(row: Any) -> dict[str, Any]:
    return {
        "pool_id": row.pool_id,
        "username": row.username,
        "destination": row.destination,
        "medium": row.medium,
        "kind": row.kind,
        "code": row.code,
        "message": row.message,
        "sent_at": iso_utc(row.sent_at),
    }


def list_messages(request: Request) -> list[dict[str, Any]]:
    """The messages matching the request's query string (``limit`` caps them, default 100)."""
    query = messages_query(dict(request.query_params))
    with request.app.state.engine.connect() as conn:
        return [_message(row) for row in conn.execute(query)]


async def messages_endpoint(request: Request) -> Response:
    """``{"messages": [...]}`` with ``pool_id``, ``username``, ``destination``, ``medium``,
    ``kind``, ``code``, ``message`` and ``sent_at`` (ISO-8601 UTC)."""
    messages = await run_in_threadpool(list_messages, request)
    return json_response({"messages": messages}, media_type=JSON)
