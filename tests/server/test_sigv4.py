"""SigV4: the signer against AWS's published vectors and botocore; the admin checks end to end."""

from __future__ import annotations

import json
import random
import string
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from cognito_identity.server import admin_auth, sigv4, validation

from ..sigv4_client import signed_headers

# The AWS Signature Version 4 test suite (get-vanilla, get-vanilla-query-order-key-case,
# post-vanilla, post-x-www-form-urlencoded): credentials, date, scope and signatures.
SUITE_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SUITE_DATE = "20150830T123600Z"
SUITE_SCOPE = sigv4.Scope("20150830", "us-east-1", "service")
SUITE_HEADERS = {"host": "example.amazonaws.com", "x-amz-date": SUITE_DATE}
FORM = "application/x-www-form-urlencoded"
VECTORS = [
    ("GET", "", {}, b"", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    (
        "GET",
        "Param2=value2&Param1=value1",
        {},
        b"",
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    ),
    ("POST", "", {}, b"", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
    (
        "POST",
        "",
        {"content-type": FORM},
        b"Param1=value1",
        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    ),
]
TARGET = "AWSCognitoIdentityProviderService."
AMZ_JSON = "application/x-amz-json-1.1"


@pytest.mark.parametrize(("method", "query", "extra", "body", "expected"), VECTORS)
def test_aws_test_suite_vectors(
    method: str, query: str, extra: dict[str, str], body: bytes, expected: str
) -> None:
    headers = {**SUITE_HEADERS, **extra}
    request = sigv4.Request(method, "/", query, headers, body)
    signed = tuple(sorted(headers))
    assert sigv4.signature(SUITE_KEY, request, SUITE_SCOPE, signed, SUITE_DATE) == expected


def test_get_vanilla_authorization_header() -> None:
    request = sigv4.Request("GET", "/", "", {"Host": "example.amazonaws.com"}, b"")
    headers = sigv4.sign(request, "AKIDEXAMPLE", SUITE_KEY, "us-east-1", "service", 1440938160)
    assert headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    )


def _random_text(rng: random.Random, size: int) -> str:
    alphabet = string.ascii_letters + string.digits + " -_.~/%+=&é"
    return "".join(rng.choice(alphabet) for _ in range(size))


@pytest.mark.parametrize("seed", range(25))
def test_agrees_with_botocore_on_random_requests(seed: int) -> None:
    rng = random.Random(seed)
    segments = [_random_text(rng, rng.randint(1, 6)).replace("/", "") or "x" for _ in range(3)]
    path = "/" + "/".join(segments)
    query = {_random_text(rng, 4).strip() or "k": _random_text(rng, 5) for _ in range(3)}
    headers = {"X-Amz-Target": TARGET + "ListUsers", "X-Custom": "  a   b  "}
    body = _random_text(rng, rng.randint(0, 80)).encode()
    url = "https://cognito-idp.us-east-1.amazonaws.com" + _quote(path)
    aws = AWSRequest(method="POST", url=url, params=query, data=body, headers=headers)
    SigV4Auth(Credentials("AKID", "secret"), "cognito-idp", "us-east-1").add_auth(aws)
    parsed = sigv4.parse_authorization(aws.headers["Authorization"])
    assert parsed is not None
    prepared = aws.prepare()
    split = prepared.url.split("?", 1)
    raw_path, raw_query = split[0].split("amazonaws.com", 1)[1], split[1] if len(split) > 1 else ""
    all_headers = {"host": "cognito-idp.us-east-1.amazonaws.com", **dict(aws.headers.items())}
    ours = sigv4.Request("POST", raw_path, raw_query, all_headers, body)
    date = aws.headers["X-Amz-Date"]
    assert sigv4.signature("secret", ours, parsed.scope, parsed.signed_headers, date) == (
        parsed.signature
    )


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/~")


def test_parse_authorization_refuses_malformed_headers() -> None:
    assert sigv4.parse_authorization("Bearer abc") is None
    assert sigv4.parse_authorization("AWS4-HMAC-SHA256 Credential=a/b/c") is None
    assert sigv4.parse_authorization("AWS4-HMAC-SHA256 Credential=k/d/r/s/aws4_request") is None


def test_unsigned_operations_come_from_the_model() -> None:
    idp = admin_auth.signed_operations(validation.SERVICE)
    assert {"AdminCreateUser", "CreateUserPool", "ListUsers"} <= idp
    assert not {"InitiateAuth", "SignUp", "GetUser", "RespondToAuthChallenge"} & idp
    identity = admin_auth.signed_operations(validation.IDENTITY_SERVICE)
    assert {"CreateIdentityPool", "DescribeIdentityPool", "DeleteIdentityPool"} <= identity
    assert not {"GetId", "GetCredentialsForIdentity", "GetOpenIdToken"} & identity


def _post(http: Any, operation: str, headers: dict[str, str], content: bytes) -> Any:
    return http.post("/", content=content, headers=headers)


def _base(operation: str) -> dict[str, str]:
    return {"X-Amz-Target": TARGET + operation, "Content-Type": AMZ_JSON}


def _error(response: Any) -> tuple[int, str, str]:
    body = response.json()
    return response.status_code, body["__type"], body["message"]


def test_admin_operations_need_a_signature(http: Any) -> None:
    content = json.dumps({"PoolName": "p"}).encode()
    assert _error(_post(http, "CreateUserPool", _base("CreateUserPool"), content)) == (
        400,
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
    )
    signed = signed_headers("http://testserver/", _base("CreateUserPool"), content)
    assert _post(http, "CreateUserPool", signed, content).status_code == 200


def test_unknown_key_and_bad_signature(http: Any) -> None:
    content = json.dumps({"MaxResults": 5}).encode()
    url = "http://testserver/"
    other = signed_headers(url, _base("ListUserPools"), content, access_key="AKIDOTHER")
    assert _error(_post(http, "ListUserPools", other, content))[1:] == (
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )
    wrong = signed_headers(url, _base("ListUserPools"), content, secret_key="not-it")
    assert _error(_post(http, "ListUserPools", wrong, content))[1:] == (
        "InvalidSignatureException",
        admin_auth.BAD_SIGNATURE,
    )
    good = signed_headers(url, _base("ListUserPools"), content)
    tampered = json.dumps({"MaxResults": 6}).encode()
    assert _error(_post(http, "ListUserPools", good, tampered))[1] == "InvalidSignatureException"
    garbage = {**_base("ListUserPools"), "Authorization": "AWS4-HMAC-SHA256 nonsense"}
    assert _error(_post(http, "ListUserPools", garbage, content))[1] == "InvalidSignatureException"


def test_clock_skew_over_five_minutes_is_refused(http: Any, clock: Any) -> None:
    content = json.dumps({"MaxResults": 5}).encode()
    signed = signed_headers("http://testserver/", _base("ListUserPools"), content)
    clock.advance(299)
    assert _post(http, "ListUserPools", signed, content).status_code == 200
    clock.advance(10)
    status, code, message = _error(_post(http, "ListUserPools", signed, content))
    assert (status, code) == (400, "InvalidSignatureException")
    assert message.startswith(f"Signature expired: {signed['X-Amz-Date']} is now earlier than ")
    clock.advance(-1000)
    assert _error(_post(http, "ListUserPools", signed, content))[2].startswith(
        "Signature not yet current: "
    )


def test_public_operations_ignore_signatures(http: Any) -> None:
    content = json.dumps({"ClientId": "nope", "Username": "u", "Password": "p"}).encode()
    unsigned = _post(http, "SignUp", _base("SignUp"), content)
    assert _error(unsigned)[1] == "ResourceNotFoundException"
    bogus = {**_base("SignUp"), "Authorization": "AWS4-HMAC-SHA256 Credential=x, Signature=y"}
    assert _error(_post(http, "SignUp", bogus, content))[1] == "ResourceNotFoundException"
