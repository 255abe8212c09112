"""AWS JSON 1.1 responses: success bodies, error bodies and their headers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..errors import CognitoServiceError
from .config import ServerConfig

AMZ_JSON = "application/x-amz-json-1.1"
JSON = "application/json"


def base_url(request: Request, config: ServerConfig) -> str:
    """The public base URL without a trailing slash: ``config.public_url`` or the request's."""
    return (config.public_url or str(request.base_url)).rstrip("/")


def json_response(
    body: Any,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    media_type: str = AMZ_JSON,
) -> Response:
    """``body`` as compact JSON, by default with AWS's JSON 1.1 content type."""
    content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(content, status, headers=dict(headers or {}), media_type=media_type)


def error_response(error: CognitoServiceError, request_id: str | None = None) -> Response:
    """The AWS error body ``{"__type", "message"}`` and headers for ``error``."""
    headers = {
        "x-amzn-ErrorType": f"{error.code}:",
        "x-amzn-RequestId": request_id or str(uuid.uuid4()),
    }
    body = {"__type": error.code, "message": error.message}
    return json_response(body, error.status_code or 400, headers)
