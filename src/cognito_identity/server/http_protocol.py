"""uvicorn's HTTP protocol, with its one answer of its own made AWS-shaped.

A request that is not valid HTTP/1.1 (a control character in a header, a broken request line)
never reaches the app: uvicorn's parser answers ``400`` with the text "Invalid HTTP request
received." and closes the connection. Every other error this server gives is an AWS JSON body
that boto3 and the SDKs turn into an exception with a code, so this one is too:
``SerializationException`` with the same message.

The C parser (httptools, installed with the ``server`` extra) is used when importable, else
uvicorn's h11 protocol; with uvloop it saved about a tenth of the server's CPU per SRP login
in our runs (bench/RESULTS.md). It is stricter than h11 about header bytes (RFC 9110: no DEL
or control characters in a field value), so it answers this way more often.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

ERROR_CODE = "SerializationException"
AMZ_JSON = b"application/x-amz-json-1.1"


def _bad_request_bytes(message: str, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    body = json.dumps({"__type": ERROR_CODE, "message": message}).encode()
    lines = [b"HTTP/1.1 400 Bad Request"]
    lines += [name + b": " + value for name, value in default_headers]
    lines += [
        b"content-type: " + AMZ_JSON,
        b"x-amzn-errortype: " + ERROR_CODE.encode() + b":",
        b"content-length: " + str(len(body)).encode(),
        b"connection: close",
    ]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _base_protocol() -> type[Any]:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        return HttpToolsProtocol
    except ImportError:  # httptools missing: uvicorn's pure-Python h11 protocol
        from uvicorn.protocols.http.h11_impl import H11Protocol

        return H11Protocol


def protocol_class() -> type[asyncio.Protocol]:
    """The protocol class to give ``uvicorn.Config(http=...)``."""
    base = _base_protocol()

    class AwsHttpProtocol(base):  # type: ignore[misc,valid-type]
        def send_400_response(self, msg: str) -> None:
            headers = list(self.server_state.default_headers)
            self.transport.write(_bad_request_bytes(msg, headers))
            self.transport.close()

    return AwsHttpProtocol
