"""Errors that must leave a trace: failed attempts are counted even though the request fails.

Each operation runs in one transaction that is rolled back when the handler raises. A wrong
code, a wrong password or a spent SRP session must still be recorded (attempt counters, single
use), so these paths commit the work done so far and only then raise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from ...errors import CognitoServiceError
from ..ops import OpContext


def commit_and_raise(ctx: OpContext, error: CognitoServiceError) -> NoReturn:
    """Commit the request's transaction (counters, consumed sessions), then raise ``error``.

    Must be the last database action of the request: nothing may run on ``ctx.conn`` after it.
    """
    ctx.conn.commit()
    raise error


@contextmanager
def committed_on_error(ctx: OpContext) -> Iterator[None]:
    """Run a block whose service errors must not undo its writes (counters, spent sessions).

    Inside the block, raise errors normally; they leave after a commit. Other exceptions (bugs)
    still roll everything back.
    """
    try:
        yield
    except CognitoServiceError as error:
        commit_and_raise(ctx, error)
