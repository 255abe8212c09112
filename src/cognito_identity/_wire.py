"""AWS JSON 1.1, the format of every Cognito user pool call, as pure functions (no I/O).

A call is a POST of a JSON object to the pool's endpoint, naming the operation in the
``X-Amz-Target`` header. Nothing is signed: every operation the SDK uses is public and carries a
client id, a session or an access token instead. The transports in :mod:`._transport` do the
I/O and use :func:`encode_request` and :func:`decode_response` from here, so the sync and async
transports share one definition of the format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._version import __version__
from .errors import CognitoError, InvalidResponseError, error_for_code

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
#: The identity pool service (``cognito-identity``): same format, another target prefix.
IDENTITY_TARGET_PREFIX = "AWSCognitoIdentityService."
CONTENT_TYPE = "application/x-amz-json-1.1"
USER_AGENT = f"cognito-identity-python/{__version__}"

_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+", re.ASCII)
_MAX_POOL_ID_LENGTH = 55  # the JS library's cap, added against a ReDoS in its regex


@dataclass(frozen=True)
class Call:
    """One operation to send: its name (``"InitiateAuth"``) and its request payload.

    The payload is hidden from ``repr`` because it may hold a password. ``target_prefix``
    names the service (:data:`IDENTITY_TARGET_PREFIX` for identity pools).
    """

    operation: str
    payload: Mapping[str, Any] = field(repr=False)
    target_prefix: str = TARGET_PREFIX


def validate_pool_id(user_pool_id: str) -> None:
    """Check a user pool id the way amazon-cognito-identity-js does.

    Raises:
        ValueError: ``'Invalid UserPoolId format.'`` when it is too long or malformed.
    """
    too_long = len(user_pool_id) > _MAX_POOL_ID_LENGTH
    if too_long or _POOL_ID.fullmatch(user_pool_id) is None:
        raise ValueError("Invalid UserPoolId format.")


def region_of(user_pool_id: str) -> str:
    """The region of a pool: the text before the first ``_`` (``us-east-1_AbC``: ``us-east-1``)."""
    return user_pool_id.split("_", 1)[0]


def default_endpoint(region: str) -> str:
    """Cognito's public endpoint for ``region``, with the trailing slash the JS library uses."""
    return f"https://cognito-idp.{region}.amazonaws.com/"


def drop_none(value: Any) -> Any:
    """``value`` with every ``None`` dict entry removed, at any depth (JS drops ``undefined``)."""
    if isinstance(value, Mapping):
        return {key: drop_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, (list, tuple)):
        return [drop_none(item) for item in value]
    return value


def request_headers(
    operation: str, user_agent: str = USER_AGENT, target_prefix: str = TARGET_PREFIX
) -> dict[str, str]:
    """The headers of one call."""
    return {
        "Content-Type": CONTENT_TYPE,
        "X-Amz-Target": target_prefix + operation,
        "X-Amz-User-Agent": user_agent,
        "Cache-Control": "no-store",
    }


def encode_request(call: Call, user_agent: str = USER_AGENT) -> tuple[dict[str, str], bytes]:
    """Headers and body bytes for ``call``."""
    body = json.dumps(drop_none(call.payload), separators=(",", ":")).encode()
    return request_headers(call.operation, user_agent, call.target_prefix), body


def decode_response(status: int, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """The JSON object of a successful answer.

    Args:
        status: the HTTP status code.
        headers: the response headers (case-insensitive mapping, as httpx gives them).
        body: the raw response body.

    Raises:
        CognitoServiceError: the service answered with an error (the subclass named by its code).
        InvalidResponseError: the answer is not Cognito JSON (for example an HTML error page).
    """
    if 200 <= status < 300:
        return _success_body(status, body)
    raise error_from_response(status, headers, body)


def _success_body(status: int, body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    parsed = _parse_json(body)
    if not isinstance(parsed, dict):
        raise InvalidResponseError(
            f"HTTP {status} answer is not a JSON object: {_snippet(body)}", status_code=status
        )
    return parsed


def error_from_response(status: int, headers: Mapping[str, str], body: bytes) -> CognitoError:
    """The exception for a non-2xx answer (see :func:`decode_response`)."""
    parsed = _parse_json(body)
    document = parsed if isinstance(parsed, dict) else {}
    code = document.get("__type") or document.get("code")
    message = document.get("message") or document.get("Message") or ""
    if isinstance(code, str) and code:
        return error_for_code(code, str(message), status)
    header_code = headers.get("x-amzn-errortype")
    if header_code:
        return error_for_code(header_code, str(message) or str(status), status)
    return InvalidResponseError(
        f"HTTP {status} answer without an error code: {_snippet(body)}", status_code=status
    )


def _parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        return None


def _snippet(body: bytes, limit: int = 120) -> str:
    text = body[:limit].decode("utf-8", errors="replace").strip()
    return repr(text + ("..." if len(body) > limit else ""))
