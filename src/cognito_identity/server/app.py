"""The ASGI app: Cognito's JSON 1.1 endpoint, the JWKS and OpenID documents, local listings.

Routes::

    POST /                                          X-Amz-Target dispatch (AWS JSON 1.1):
                                                    AWSCognitoIdentityProviderService.* (user
                                                    pools), AWSCognitoIdentityService.* (identity
                                                    pools, see .identity)
    GET  /<pool id>/.well-known/jwks.json           the pool's public signing keys
    GET  /<pool id>/.well-known/openid-configuration
    GET  /_local/messages?pool_id=&username=&destination=   codes the server "sent"
    GET  /_local/health

Every error leaves as ``{"__type": code, "message": ...}`` with the error's HTTP status and the
``x-amzn-ErrorType`` header, as Cognito does; botocore, the JS SDK and our SDK read either.
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractContextManager, asynccontextmanager
from typing import Any

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import (
    CognitoServiceError,
    InternalErrorException,
    SerializationException,
    UnknownOperationException,
    UnsupportedOperationException,
)
from . import admin_auth, validation
from .config import ServerConfig
from .identity import load_identity_operations
from .ops import Body, Handler, OpContext, load_operations
from .outbox_http import messages_endpoint
from .store.db import make_engine
from .wellknown import jwks_endpoint, openid_configuration_endpoint
from .wire import AMZ_JSON, base_url, error_response, json_response

logger = logging.getLogger("cognito_identity.server")

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
IDENTITY_TARGET_PREFIX = "AWSCognitoIdentityService."
# X-Amz-Target prefix (without the dot) -> the botocore model that validates its operations.
SERVICES = {
    TARGET_PREFIX.rstrip("."): validation.SERVICE,
    IDENTITY_TARGET_PREFIX.rstrip("."): validation.IDENTITY_SERVICE,
}
MAX_BODY_BYTES = 1 << 20
# botocore and the JS SDK send x-amz-json-1.1; curl users send application/json; a browser
# "simple request" (no preflight) may carry text/plain or nothing at all.
ACCEPTED_CONTENT_TYPES = frozenset(
    {"", AMZ_JSON, "application/x-amz-json-1.0", "application/json", "text/plain"}
)
# The request headers the JS SDKs send from a page. They are listed to document the contract;
# allow_headers also holds "*", so a preflight asking for any other header passes too.
CORS_HEADERS = [
    "content-type",
    "x-amz-target",
    "x-amz-user-agent",
    "cache-control",
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
]
CORS_EXPOSED = ["x-amzn-RequestId", "x-amzn-ErrorType", "x-amzn-ErrorMessage", "Date"]


class RequestEntityTooLargeException(CognitoServiceError):
    """The request body is larger than :data:`MAX_BODY_BYTES`."""

    default_status_code = 413


def create_app(config: ServerConfig) -> Starlette:
    """The local user pool server as a Starlette app (engine in ``app.state.engine``).

    The schema is created on the way (idempotent). The engine's pooled connections are closed
    when the app shuts down (lifespan), so test clients leave no open database files behind.
    """
    engine = make_engine(config.db_url)
    services = {
        validation.SERVICE: load_operations(),
        validation.IDENTITY_SERVICE: load_identity_operations(),
    }
    api = CognitoApi(config, engine, services)
    routes = [
        Route("/", api.endpoint, methods=["POST"]),
        Route("/_local/health", health_endpoint, methods=["GET"]),
        Route("/_local/messages", messages_endpoint, methods=["GET"]),
        Route("/{pool_id}/.well-known/jwks.json", jwks_endpoint, methods=["GET"]),
        Route(
            "/{pool_id}/.well-known/openid-configuration",
            openid_configuration_endpoint,
            methods=["GET"],
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=[_cors()],
        exception_handlers={HTTPException: _http_error},
        lifespan=_lifespan,
    )
    app.state.engine = engine
    app.state.config = config
    return app


def _cors() -> Middleware:
    # Origins "*" without credentials: the SDKs never send cookies to Cognito.
    return Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*", *CORS_HEADERS],
        expose_headers=CORS_EXPOSED,
        max_age=600,
    )


async def _http_error(_request: Request, exc: Exception) -> Response:
    # Unknown paths and methods get AWS-shaped bodies too, so every client can parse them.
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "An internal error occurred."
    error = UnknownOperationException(str(detail), status_code=status)
    return error_response(error)


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    yield
    app.state.engine.dispose()


async def health_endpoint(_request: Request) -> Response:
    """``{"status": "ok"}``: the server is up (used by readiness checks)."""
    return json_response({"status": "ok"})


class CognitoApi:
    """The ``POST /`` endpoint: target -> handler, body checks, one transaction per call.

    ``services`` maps a botocore service name (see :data:`SERVICES`) to its handlers.
    """

    def __init__(
        self,
        config: ServerConfig,
        engine: Engine,
        services: Mapping[str, Mapping[str, Handler]],
    ):
        self.config = config
        self.engine = engine
        self.services = services
        # SQLite takes one writer at a time and every transaction here is BEGIN IMMEDIATE;
        # waiting in its busy handler means polling with sleeps of up to 100 ms (p99 in
        # seconds under load, bench/RESULTS.md). Queue on a lock instead: woken at once.
        # PostgreSQL transactions are serialized too (an advisory lock, store/db.py): queueing
        # here keeps a burst from holding every pooled connection (and timing out) while waiting.
        self._serial: AbstractContextManager[object] = threading.Lock()

    async def endpoint(self, request: Request) -> Response:
        """Answer one Cognito API call; never lets an exception escape as a bare 500."""
        request_id = str(uuid.uuid4())
        name = "?"
        try:
            service, name = self.operation_name(request.headers)
            raw = await read_body(request)
            admin_auth.check_request(self.config, service, name, request, raw)
            result = await run_in_threadpool(self.execute, name, raw, request, service)
        except CognitoServiceError as error:
            return error_response(error, request_id)
        except Exception as exc:  # anything else is our bug: log it, answer AWS-style
            _log_internal_error(name, exc)
            return error_response(InternalErrorException("An internal error occurred."), request_id)
        return json_response(result, 200, {"x-amzn-RequestId": request_id})

    def operation_name(self, headers: Mapping[str, str]) -> tuple[str, str]:
        """The service and operation named by ``X-Amz-Target``, after checking the content type."""
        target = headers.get("x-amz-target", "")
        prefix, _, name = target.partition(".")
        service = SERVICES.get(prefix, "")
        if not service or not name or not validation.has_operation(name, service):
            raise UnknownOperationException(f"Unknown operation: {target or 'none'}")
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_CONTENT_TYPES:
            raise SerializationException(f"Unsupported content type: {content_type}")
        if name not in self.services.get(service, {}):
            raise UnsupportedOperationException(f"{name} is not supported by the local server.")
        return service, name

    def execute(
        self, name: str, raw: bytes, request: Request, service: str = validation.SERVICE
    ) -> Body:
        """Parse, validate and run ``name`` in one transaction (runs in a worker thread)."""
        body = parse_body(raw)
        validation.validate(name, body, service)
        with self._serial, self.engine.begin() as conn:
            ctx = OpContext(
                self.config,
                conn,
                now=self.config.clock(),
                base_url=base_url(request, self.config),
                headers=request.headers,
                operation=name,
                body=body,
            )
            return self.services[service][name](ctx, body)


async def read_body(request: Request) -> bytes:
    """The request body, refusing more than :data:`MAX_BODY_BYTES` without reading it all."""
    too_large = RequestEntityTooLargeException(
        f"Request body must be at most {MAX_BODY_BYTES} bytes."
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_body(raw: bytes) -> Body:
    """The JSON object in ``raw`` (empty means ``{}``); SerializationException otherwise."""
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise SerializationException("The request body is not valid JSON.") from exc
    if not isinstance(body, dict):
        raise SerializationException("Start of structure or map expected.")
    return body


def _log_internal_error(operation: str, exc: BaseException) -> None:
    # Only the type and the stack: messages of database errors quote SQL parameters, which can
    # hold verifiers or codes, and the request body may hold a password.
    stack = "".join(traceback.format_tb(exc.__traceback__))
    cause = exc.__cause__ or exc.__context__
    caused_by = f" (caused by {type(cause).__name__})" if cause else ""
    logger.error("internal error in %s: %s%s\n%s", operation, type(exc).__name__, caused_by, stack)
