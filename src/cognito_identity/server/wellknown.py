"""The per-pool discovery documents: ``jwks.json`` and ``openid-configuration``."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..errors import CognitoServiceError, ResourceNotFoundException
from .domain import keys
from .domain.records import load_pool
from .wire import JSON, base_url, error_response, json_response

# UserPoolIdType's pattern: anything else cannot name a pool, so it is not worth a query.
POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+", re.ASCII)


def _pool_id(request: Request) -> str:
    pool_id = str(request.path_params["pool_id"])
    if len(pool_id) > 55 or not POOL_ID.fullmatch(pool_id):
        raise ResourceNotFoundException(f"User pool {pool_id} does not exist.", status_code=404)
    return pool_id


def _check_pool(conn: Connection, pool_id: str) -> None:
    try:
        load_pool(conn, pool_id)
    except ResourceNotFoundException as missing:
        missing.status_code = 404  # a missing document, not a failed API call
        raise


def _load_jwks(request: Request, pool_id: str) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        _check_pool(conn, pool_id)
        return keys.jwks(conn, pool_id)


def _pool_exists(request: Request, pool_id: str) -> None:
    with request.app.state.engine.connect() as conn:
        _check_pool(conn, pool_id)


async def jwks_endpoint(request: Request) -> Response:
    """``GET /<pool id>/.well-known/jwks.json``: ``{"keys": [RSA JWK, ...]}``; 404 if no pool."""
    try:
        pool_id = _pool_id(request)
        document = await run_in_threadpool(_load_jwks, request, pool_id)
    except CognitoServiceError as error:
        return error_response(error)
    return json_response(document, headers={"Cache-Control": "max-age=300"}, media_type=JSON)


def openid_configuration(base: str, pool_id: str) -> dict[str, Any]:
    """Cognito's discovery document for a pool whose issuer is ``<base>/<pool id>``.

    The OAuth endpoints are placeholders under ``base``: the local server has no hosted UI,
    but OIDC libraries refuse a document without them.
    """
    issuer = f"{base}/{pool_id}"
    return {
        "authorization_endpoint": f"{base}/oauth2/authorize",
        "end_session_endpoint": f"{base}/logout",
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": issuer,
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "revocation_endpoint": f"{base}/oauth2/revoke",
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint": f"{base}/oauth2/token",
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "userinfo_endpoint": f"{base}/oauth2/userInfo",
    }


async def openid_configuration_endpoint(request: Request) -> Response:
    """``GET /<pool id>/.well-known/openid-configuration``; 404 if no pool."""
    try:
        pool_id = _pool_id(request)
        await run_in_threadpool(_pool_exists, request, pool_id)
    except CognitoServiceError as error:
        return error_response(error)
    base = base_url(request, request.app.state.config)
    return json_response(openid_configuration(base, pool_id), media_type=JSON)
