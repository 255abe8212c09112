"""Lambda triggers as Python callables: Cognito's trigger events, run in the server process.

A pool's ``LambdaConfig`` holds Lambda ARNs (botocore checks their shape), so a trigger is
named by an ARN whose function name is a Python import path::

    arn:aws:lambda:<region>:<account>:function:<package.module>.<callable>
    arn:aws:lambda:<region>:<account>:function:<package.module>:<callable>

for example ``arn:aws:lambda:us-east-1:000000000000:function:myapp.auth.define_challenge``.
Region and account are ignored. The callable receives the event dict, exactly as a Lambda
handler would (``version``, ``region``, ``userPoolId``, ``userName``, ``callerContext``,
``triggerSource``, ``request``, ``response``), and returns the event with ``response`` filled
in (or fills it in place and returns None). It runs in the server process with the server's
permissions: configure only code you trust.

An exception in the trigger fails the operation with ``UserLambdaValidationException``
("<Trigger> failed with error <message>.", Cognito's wording); a trigger that can't be
imported gives ``UnexpectedLambdaException``; a result that isn't the event gives
``InvalidLambdaResponseException``.
"""

from __future__ import annotations

import copy
import importlib
import logging
from collections.abc import Callable
from typing import Any

from ...errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)
from ..ops import OpContext
from .records import PoolRecord
from .users import UserRecord

logger = logging.getLogger("cognito_identity.server.triggers")

EVENT_VERSION = "1"
SDK_VERSION = "aws-sdk-unknown-unknown"
_FUNCTION_MARK = ":function:"

Trigger = Callable[[dict[str, Any]], Any]


def import_path(arn: str) -> tuple[str, str]:
    """The (module, attribute) an ARN names; ValueError if it names no Python callable."""
    _, mark, name = arn.partition(_FUNCTION_MARK)
    if not mark or not name:
        raise ValueError(f"not a Lambda function ARN: {arn}")
    module, sep, attribute = name.partition(":")
    if not sep:
        module, sep, attribute = name.rpartition(".")
    if not module or not attribute:
        raise ValueError(f"no <module>.<callable> in {arn}")
    return module, attribute


def resolve(arn: str) -> Trigger:
    """The callable an ARN names (imported on first use, then cached by ``sys.modules``)."""
    module_name, attribute = import_path(arn)
    found = getattr(importlib.import_module(module_name), attribute)
    if not callable(found):
        raise TypeError(f"{module_name}.{attribute} is not callable")
    return found  # type: ignore[no-any-return]


def configured(pool: PoolRecord, trigger: str) -> str | None:
    """The ARN of ``trigger`` (``DefineAuthChallenge``...) in the pool's LambdaConfig."""
    arn = (pool.config.get("LambdaConfig") or {}).get(trigger)
    return str(arn) if arn else None


def event(
    ctx: OpContext,
    pool: PoolRecord,
    user: UserRecord,
    client_id: str | None,
    source: str,
    request: dict[str, Any],
    response: dict[str, Any],
) -> dict[str, Any]:
    """A trigger event in Cognito's shape (``source`` is the triggerSource)."""
    return named_event(ctx, pool, user.username, client_id, source, request, response)


def named_event(
    ctx: OpContext,
    pool: PoolRecord,
    username: str,
    client_id: str | None,
    source: str,
    request: dict[str, Any],
    response: dict[str, Any],
) -> dict[str, Any]:
    """:func:`event` for a user not stored (yet): sign-up, migration."""
    return {
        "version": EVENT_VERSION,
        "region": ctx.config.region,
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": {"awsSdkVersion": SDK_VERSION, "clientId": client_id},
        "triggerSource": source,
        "request": request,
        "response": response,
    }


def _load(trigger: str, arn: str) -> Trigger:
    try:
        return resolve(arn)
    except Exception as exc:  # a missing module, a typo: the pool's configuration is wrong
        logger.warning("%s trigger %s could not be loaded", trigger, arn, exc_info=True)
        raise UnexpectedLambdaException(
            f"{trigger} invocation failed: {type(exc).__name__} loading {arn}"
        ) from exc


def _call(trigger: str, function: Trigger, sent: dict[str, Any]) -> Any:
    try:
        return function(sent)
    except Exception as exc:  # the trigger refused: its message goes back, as in Cognito
        logger.info("%s trigger raised", trigger, exc_info=True)
        raise UserLambdaValidationException(f"{trigger} failed with error {exc}.") from exc


def run(pool: PoolRecord, trigger: str, sent_event: dict[str, Any]) -> dict[str, Any]:
    """Call the pool's ``trigger`` with ``sent_event``; the ``response`` it filled in.

    The trigger gets a copy, so nothing it keeps can change the server's state later.
    """
    return run_arn(trigger, configured(pool, trigger), sent_event)


def run_arn(trigger: str, arn: str | None, sent_event: dict[str, Any]) -> dict[str, Any]:
    """:func:`run` for a trigger found elsewhere than ``LambdaConfig[trigger]`` (the ARN of
    ``PreTokenGenerationConfig``); no ARN means the event's response as sent."""
    if arn is None:
        return dict(sent_event["response"])
    sent = copy.deepcopy(sent_event)
    result = _call(trigger, _load(trigger, arn), sent)
    returned = sent if result is None else result
    if not isinstance(returned, dict) or not isinstance(returned.get("response"), dict):
        raise InvalidLambdaResponseException("Unrecognizable lambda output")
    return dict(returned["response"])
