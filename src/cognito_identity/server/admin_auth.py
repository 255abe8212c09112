"""Who may call what: admin operations need an AWS Signature Version 4 by the server's key.

Which operations are public comes from botocore's models, as AWS decides it: an operation
marked ``"authtype": "none"`` / ``"auth": ["smithy.api#noAuth"]`` (InitiateAuth, SignUp,
GetUser, GetId...) is called without AWS credentials and any signature on it is ignored;
every other one (AdminCreateUser, CreateUserPool, CreateIdentityPool...) must be signed with
``ServerConfig.admin_access_key_id`` / ``admin_secret_access_key``. Errors as AWS words them:

* no ``Authorization`` header: MissingAuthenticationTokenException;
* an access key the server doesn't know: UnrecognizedClientException;
* a signature that doesn't match, or a date more than 5 minutes off the server's clock:
  InvalidSignatureException.

The secret is never logged, and signatures are compared in constant time.
"""

from __future__ import annotations

import calendar
import functools
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.requests import Request

from ..errors import CognitoServiceError
from . import sigv4, validation
from .config import ServerConfig

MAX_SKEW_SECONDS = 300
_NO_AUTH = "smithy.api#noAuth"
INVALID_TOKEN = "The security token included in the request is invalid."
BAD_SIGNATURE = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method."
)


class MissingAuthenticationTokenException(CognitoServiceError):
    """An admin operation came without a signature."""


class UnrecognizedClientException(CognitoServiceError):
    """The request was signed with an access key the server doesn't have."""


class InvalidSignatureException(CognitoServiceError):
    """The signature is wrong, malformed, or too old / too far in the future."""


@dataclass(frozen=True)
class SignedRequest:
    """The parts of an HTTP request a signature covers (path and query as sent)."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes


@functools.cache
def signed_operations(service: str) -> frozenset[str]:
    """The operations of ``service`` (a botocore service name) that need SigV4."""
    model = validation.service_model(service)
    return frozenset(
        name for name in model.operation_names if _needs_signature(model.operation_model(name))
    )


def _needs_signature(operation: object) -> bool:
    auth_type = getattr(operation, "auth_type", None)
    auth = getattr(operation, "auth", None) or []
    return auth_type != "none" and _NO_AUTH not in auth


def check(config: ServerConfig, service: str, operation: str, request: SignedRequest) -> None:
    """Raise the AWS error for an admin ``operation`` of ``service`` that isn't properly
    signed; public operations pass whatever they carry."""
    if operation not in signed_operations(service):
        return
    header = request.headers.get("authorization")
    if not header:
        raise MissingAuthenticationTokenException("Missing Authentication Token")
    parsed = sigv4.parse_authorization(header)
    if parsed is None:
        raise _malformed(header)
    if not hmac.compare_digest(parsed.access_key, config.admin_access_key_id):
        raise UnrecognizedClientException(INVALID_TOKEN)
    _check_scope(parsed, service)
    amz_date = _check_date(request.headers, parsed, config.clock())
    _check_signature(config, request, parsed, amz_date)


def check_request(
    config: ServerConfig, service: str, operation: str, request: Request, body: bytes
) -> None:
    """:func:`check` for a Starlette request whose body has been read."""
    check(config, service, operation, signed_request(request, body))


def signed_request(request: Request, body: bytes) -> SignedRequest:
    """The signed parts of ``request``: path and query as they came over the wire, repeated
    headers joined with commas (as signers join them)."""
    headers: dict[str, str] = {}
    for name, value in request.headers.items():
        key = name.lower()
        headers[key] = f"{headers[key]},{value}" if key in headers else value
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    path = raw_path.decode("latin-1").split("?", 1)[0]
    query = request.scope.get("query_string", b"").decode("latin-1")
    return SignedRequest(request.method, path, query, headers, body)


def _malformed(header: str) -> InvalidSignatureException:
    # Only the algorithm is quoted back: the rest may hold a key id.
    algorithm = header.strip().split(" ", 1)[0][:40]
    return InvalidSignatureException(
        f"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
        f"parameters with algorithm AWS4-HMAC-SHA256 (got '{algorithm}')."
    )


def _check_scope(parsed: sigv4.Authorization, service: str) -> None:
    signing_name = validation.service_model(service).signing_name or service
    if parsed.scope.service != signing_name:
        raise InvalidSignatureException(
            f"Credential should be scoped to correct service: '{signing_name}'."
        )
    if "host" not in parsed.signed_headers:
        raise InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.")


def _parse_amz_date(text: str) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(text, "%Y%m%dT%H%M%SZ")))
    except ValueError:
        return None


def _check_date(headers: Mapping[str, str], parsed: sigv4.Authorization, now: float) -> str:
    """The request's X-Amz-Date, after checking it is well formed, in the scope, and fresh."""
    text = headers.get("x-amz-date", "")
    signed_at = _parse_amz_date(text)
    if signed_at is None:
        raise InvalidSignatureException("Missing or malformed X-Amz-Date header.")
    if parsed.scope.date != text[:8]:
        raise InvalidSignatureException(
            f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            f"from HTTP: '{parsed.scope.date}' != '{text[:8]}', from '{text}'."
        )
    if signed_at < now - MAX_SKEW_SECONDS:
        earliest, current = sigv4.amz_date(now - MAX_SKEW_SECONDS), sigv4.amz_date(now)
        raise InvalidSignatureException(
            f"Signature expired: {text} is now earlier than {earliest} ({current} - 5 min.)"
        )
    if signed_at > now + MAX_SKEW_SECONDS:
        latest, current = sigv4.amz_date(now + MAX_SKEW_SECONDS), sigv4.amz_date(now)
        raise InvalidSignatureException(
            f"Signature not yet current: {text} is still later than {latest} ({current} + 5 min.)"
        )
    return text


def _check_signature(
    config: ServerConfig, request: SignedRequest, parsed: sigv4.Authorization, amz_date: str
) -> None:
    covered = sigv4.Request(
        request.method, request.path, request.query, request.headers, request.body
    )
    expected = sigv4.signature(
        config.admin_secret_access_key, covered, parsed.scope, parsed.signed_headers, amz_date
    )
    if not hmac.compare_digest(expected.encode(), parsed.signature.encode("utf-8", "replace")):
        raise InvalidSignatureException(BAD_SIGNATURE)
