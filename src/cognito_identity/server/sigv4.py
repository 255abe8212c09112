"""AWS Signature Version 4 (header form) as pure functions: no I/O, time passed in.

::

    canonical request = METHOD \\n URI \\n QUERY \\n HEADERS \\n SIGNED HEADERS \\n sha256(payload)
    string to sign    = AWS4-HMAC-SHA256 \\n <X-Amz-Date> \\n <scope> \\n sha256(canonical request)
    signing key       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
                             "aws4_request")
    signature         = hex(HMAC(signing key, string to sign))

The canonical URI and query follow botocore's signer (the one boto3 and the AWS CLI use) and
AWS's published test suite: the path as sent is normalised and percent-encoded again (what
botocore does for every service but S3; the same as once-encoding for plain paths such as ``/``),
query pairs are sorted after encoding, header values are trimmed with inner runs of spaces
collapsed. :mod:`.admin_auth` uses :func:`parse_authorization` and :func:`signature` to check
requests; tests use :func:`sign` to make them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

ALGORITHM = "AWS4-HMAC-SHA256"
TERMINATOR = "aws4_request"
_SPACES = re.compile(r"\s+")
_AUTH_FIELD = re.compile(r"\s*(Credential|SignedHeaders|Signature)\s*=\s*([^,\s]*)\s*")


@dataclass(frozen=True)
class Request:
    """What a signature covers: method, path and query string as sent, headers, payload."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    payload: bytes


@dataclass(frozen=True)
class Scope:
    """The credential scope: ``<date>/<region>/<service>/aws4_request``."""

    date: str
    region: str
    service: str

    def text(self) -> str:
        return f"{self.date}/{self.region}/{self.service}/{TERMINATOR}"


@dataclass(frozen=True)
class Authorization:
    """The parts of an ``Authorization: AWS4-HMAC-SHA256 ...`` header."""

    access_key: str
    scope: Scope
    signed_headers: tuple[str, ...]
    signature: str


def sha256_hex(data: bytes) -> str:
    """Lowercase hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def _remove_dot_segments(path: str) -> str:
    # RFC 3986 5.2.4, plus what AWS services also expect: empty segments dropped.
    kept: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if kept:
                kept.pop()
        elif segment and segment != ".":
            kept.append(segment)
    last = "/" if path.endswith("/") and kept else ""
    return "/" + "/".join(kept) + last


def canonical_uri(path: str) -> str:
    """The path, normalised (``.``/``..``, repeated slashes) and percent-encoded once."""
    return quote(_remove_dot_segments(path or "/"), safe="/~")


def canonical_query(query: str) -> str:
    """Query pairs encoded (RFC 3986 unreserved kept), then sorted by key and value."""
    pairs = parse_qsl(query, keep_blank_values=True)
    encoded = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def _header_value(value: str) -> str:
    return _SPACES.sub(" ", value.strip())


def canonical_headers(headers: Mapping[str, str], signed: Iterable[str]) -> str:
    """``name:value\\n`` for each signed header (names lowercase, in the order given)."""
    lowered = {name.lower(): value for name, value in headers.items()}
    return "".join(f"{name}:{_header_value(lowered.get(name, ''))}\n" for name in signed)


def canonical_request(request: Request, signed: tuple[str, ...]) -> str:
    """The canonical request of ``request`` over the ``signed`` header names (sorted)."""
    return "\n".join(
        [
            request.method.upper(),
            canonical_uri(request.path),
            canonical_query(request.query),
            canonical_headers(request.headers, signed),
            ";".join(signed),
            sha256_hex(request.payload),
        ]
    )


def string_to_sign(amz_date: str, scope: Scope, creq: str) -> str:
    """The text the signature is the HMAC of."""
    return "\n".join([ALGORITHM, amz_date, scope.text(), sha256_hex(creq.encode("utf-8"))])


def signing_key(secret: str, scope: Scope) -> bytes:
    """The key derived from the secret for one day, region and service."""
    key = _hmac(("AWS4" + secret).encode("utf-8"), scope.date)
    for part in (scope.region, scope.service, TERMINATOR):
        key = _hmac(key, part)
    return key


def signature(
    secret: str, request: Request, scope: Scope, signed: tuple[str, ...], amz_date: str
) -> str:
    """The hex signature of ``request`` as ``signed`` headers, ``scope`` and date describe it."""
    sts = string_to_sign(amz_date, scope, canonical_request(request, signed))
    return hmac.new(signing_key(secret, scope), sts.encode("utf-8"), hashlib.sha256).hexdigest()


def amz_date(epoch_seconds: float) -> str:
    """``YYYYMMDDTHHMMSSZ`` for a time in seconds since the epoch (UTC)."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(epoch_seconds)))


def sign(
    request: Request, access_key: str, secret: str, region: str, service: str, now: float
) -> dict[str, str]:
    """Headers to add to ``request``: ``X-Amz-Date`` and ``Authorization``.

    Every header of ``request`` is signed (they must include ``host``).
    """
    date = amz_date(now)
    scope = Scope(date[:8], region, service)
    headers = {**{k.lower(): v for k, v in request.headers.items()}, "x-amz-date": date}
    signed = tuple(sorted(headers))
    dated = Request(request.method, request.path, request.query, headers, request.payload)
    value = signature(secret, dated, scope, signed, date)
    auth = (
        f"{ALGORITHM} Credential={access_key}/{scope.text()}, "
        f"SignedHeaders={';'.join(signed)}, Signature={value}"
    )
    return {"X-Amz-Date": date, "Authorization": auth}


def parse_authorization(header: str) -> Authorization | None:
    """The parts of an ``AWS4-HMAC-SHA256`` Authorization header; None if it isn't one."""
    algorithm, _, rest = header.strip().partition(" ")
    if algorithm != ALGORITHM:
        return None
    fields: dict[str, str] = {}
    for part in rest.split(","):
        match = _AUTH_FIELD.fullmatch(part)
        if match is None:
            return None
        fields[match.group(1)] = match.group(2)
    return _authorization(fields)


def _authorization(fields: Mapping[str, str]) -> Authorization | None:
    if set(fields) != {"Credential", "SignedHeaders", "Signature"}:
        return None
    parts = fields["Credential"].split("/")
    if len(parts) != 5 or parts[4] != TERMINATOR or not all(parts):
        return None
    signed = tuple(fields["SignedHeaders"].split(";"))
    if not all(signed):
        return None
    scope = Scope(parts[1], parts[2], parts[3])
    return Authorization(parts[0], scope, signed, fields["Signature"])
