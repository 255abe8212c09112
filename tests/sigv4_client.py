"""Signing raw test requests as boto3 would (botocore's SigV4 signer, the server's test key).

Admin operations need an AWS Signature Version 4 (see ``server/admin_auth.py``); tests that
post raw JSON with httpx add :func:`signed_headers` to their headers. Signing a public
operation is harmless: the server ignores the signature there, as AWS does.
"""

from __future__ import annotations

from collections.abc import Mapping

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "local"
SECRET_KEY = "local-secret"
REGION = "us-east-1"
_SERVICES = {"AWSCognitoIdentityService": "cognito-identity"}


def service_of(target: str) -> str:
    """The signing name of the service an ``X-Amz-Target`` names."""
    return _SERVICES.get(target.partition(".")[0], "cognito-idp")


def signed_headers(
    url: str,
    headers: Mapping[str, str],
    content: bytes,
    *,
    access_key: str = ACCESS_KEY,
    secret_key: str = SECRET_KEY,
) -> dict[str, str]:
    """``headers`` plus ``X-Amz-Date`` and ``Authorization`` for a POST of ``content`` to
    ``url`` (the full URL the request goes to: its host is signed)."""
    target = next((v for k, v in headers.items() if k.lower() == "x-amz-target"), "")
    request = AWSRequest(method="POST", url=url, data=content, headers=dict(headers))
    auth = SigV4Auth(Credentials(access_key, secret_key), service_of(target), REGION)
    auth.add_auth(request)
    return dict(request.headers.items())


def base_url(client: object) -> str:
    """The URL of ``/`` on an httpx / Starlette test client."""
    return str(getattr(client, "base_url", "http://testserver")).rstrip("/") + "/"
