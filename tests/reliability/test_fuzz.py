"""Bad input: every implemented operation fuzzed from botocore's shapes, and broken requests.

The operations come from the server's own tables at collection time (``load_operations()``,
and the identity-pool operations when that package is present), so a new operation is fuzzed
the day it is registered. Whatever comes in, the server must answer below 500, errors must be
AWS-shaped (``{"__type", "message"}``), and at the end it must still pass a health check and a
real SRP sign-in.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import botocore.session
import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from cognito_identity.protocol.srp import N
from cognito_identity.server.ops import load_operations

from ..sigv4_client import base_url, signed_headers
from .shapes import body_strategy
from .wire import (
    AMZ_JSON,
    TARGET_PREFIX,
    Answer,
    confirmed_user,
    is_aws_error,
    new_pool,
    parse_json,
    srp_login,
)
from .wire import post as post_cognito

EXAMPLES = int(os.environ.get("COGNITO_FUZZ_EXAMPLES", "20"))
# `make test` draws the same examples every run, so a result is reproducible and CI cannot go
# red on a lucky draw; COGNITO_FUZZ_RANDOM=1 explores new ones (do that with many examples
# after changing a handler, and turn what it finds into a fixed regression test).
DERANDOMIZE = os.environ.get("COGNITO_FUZZ_RANDOM", "") != "1"
PASSWORD = "Fuzz-Passw0rd-Ok!"


def _services() -> list[tuple[str, str, Callable[[], dict[str, Any]]]]:
    """(X-Amz-Target prefix, botocore service, handler table) for each service served."""
    services: list[tuple[str, str, Callable[[], dict[str, Any]]]] = [
        (TARGET_PREFIX, "cognito-idp", load_operations)
    ]
    try:
        from cognito_identity.server.identity import load_identity_operations
    except ImportError:
        return services
    services.append(("AWSCognitoIdentityService.", "cognito-identity", load_identity_operations))
    return services


@dataclass(frozen=True)
class Target:
    prefix: str
    service: str
    operation: str

    def __str__(self) -> str:
        return f"{self.service}:{self.operation}"


def _targets() -> list[Target]:
    session = botocore.session.get_session()
    targets = []
    for prefix, service, load in _services():
        model_ops = set(session.get_service_model(service).operation_names)
        targets += [Target(prefix, service, name) for name in sorted(load()) if name in model_ops]
    return targets


TARGETS = _targets()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from cognito_identity.server.config import ServerConfig
    from cognito_identity.server.embedded import EmbeddedServer

    path = Path(tmp_path_factory.mktemp("fuzz")) / "pool.sqlite3"
    with EmbeddedServer(ServerConfig(db_url=f"sqlite:///{path}")) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.endpoint, timeout=30.0) as http:
        yield http


def send(client: httpx.Client, target: str, body: bytes, content_type: str = AMZ_JSON) -> Answer:
    headers = {"X-Amz-Target": target, "Content-Type": content_type}
    # Signed, so admin operations are fuzzed past the signature check into the handlers.
    headers = signed_headers(base_url(client), headers, body)
    response = client.post("/", content=body, headers=headers)
    return Answer(response.status_code, parse_json(response.content))


def assert_handled(answer: Answer, what: object) -> None:
    """Below 500, and an AWS-shaped error unless it succeeded."""
    assert answer.status < 500, f"{what}: {answer.status} {answer.body}"
    if answer.status != 200:
        assert is_aws_error(answer), f"{what}: not AWS-shaped: {answer.status} {answer.body}"


def known_values(client: httpx.Client) -> dict[str, list[Any]]:
    """A fresh pool, client and signed-in user, as values the fuzz may put in requests."""
    pool_id, client_id = new_pool(client, f"fuzz-{secrets.token_hex(3)}")
    username = f"fuzz-{secrets.token_hex(4)}"
    confirmed_user(client, pool_id, client_id, username, PASSWORD)
    _first, second = srp_login(client, pool_id, client_id, username, PASSWORD)
    assert second is not None and second.ok, second
    tokens = second.body["AuthenticationResult"]
    return {
        "UserPoolId": [pool_id],
        "ClientId": [client_id],
        "Username": [username, "nobody-here"],
        "AccessToken": [tokens["AccessToken"], tokens["IdToken"]],
        "RefreshToken": [tokens["RefreshToken"]],
        "Token": [tokens["RefreshToken"]],
        "Password": [PASSWORD, "short"],
        "PreviousPassword": [PASSWORD],
        "ProposedPassword": [PASSWORD + "2", "x"],
        "ConfirmationCode": ["123456", ""],
        "AuthParameters": [
            {"USERNAME": username, "PASSWORD": PASSWORD},
            {"USERNAME": username, "SRP_A": "0"},
            {"USERNAME": username, "SRP_A": format(N - 1, "x")},
            {"REFRESH_TOKEN": tokens["RefreshToken"]},
        ],
        "ChallengeResponses": [
            {"USERNAME": username, "PASSWORD_CLAIM_SIGNATURE": "eA==", "TIMESTAMP": "x"},
            {"USERNAME": username, "NEW_PASSWORD": PASSWORD, "SMS_MFA_CODE": "000000"},
        ],
        "UserAttributes": [[{"Name": "email", "Value": "fuzz@example.com"}]],
    }


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_operation_answers_any_body_without_500(client: httpx.Client, target: Target) -> None:
    model = botocore.session.get_session().get_service_model(target.service)
    input_shape = model.operation_model(target.operation).input_shape
    strategy = body_strategy(input_shape, known_values(client))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=DERANDOMIZE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def check(body: Any) -> None:
        answer = send(client, target.prefix + target.operation, json.dumps(body).encode())
        assert_handled(answer, (target, body))

    check()


MALFORMED = [
    b"{",
    b"[]",
    b"null",
    b'"a string"',
    b"42",
    b'{"UserPoolId": NaN}',
    b'{"UserPoolId": Infinity}',
    b"\xff\xfe\x00garbage",
    b'{"a": "\\ud800"}',
    b"[" * 100_000,
    b'{"ClientId": ' + b"9" * 10_000 + b"}",
    b'{"ClientId": "x", "ClientId": 1}',
    b"\x00" * 64,
]


@pytest.mark.parametrize("body", MALFORMED, ids=lambda raw: repr(raw[:16]))
def test_malformed_json_is_refused_cleanly(client: httpx.Client, body: bytes) -> None:
    for operation in ("SignUp", "InitiateAuth", "DescribeUserPool"):
        answer = send(client, TARGET_PREFIX + operation, body)
        assert_handled(answer, (operation, body[:32]))
        assert answer.status != 200


@pytest.mark.parametrize(
    "content_type",
    ["text/html", "application/xml", "multipart/form-data; boundary=x", "image/png", "\x7f"],
)
def test_wrong_content_type_is_refused(client: httpx.Client, content_type: str) -> None:
    answer = send(client, TARGET_PREFIX + "ListUserPools", b'{"MaxResults": 1}', content_type)
    assert_handled(answer, content_type)
    assert answer.status == 400


def test_huge_bodies_are_refused(client: httpx.Client) -> None:
    huge = b'{"ClientId": "' + b"a" * (2 << 20) + b'"}'
    declared = send(client, TARGET_PREFIX + "SignUp", huge)
    assert_handled(declared, "2 MiB body")
    assert declared.status in (400, 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        for start in range(0, len(huge), 64 << 10):
            yield huge[start : start + (64 << 10)]

    headers = {"X-Amz-Target": TARGET_PREFIX + "SignUp", "Content-Type": AMZ_JSON}
    response = client.post("/", content=chunks(), headers=headers)
    streamed = Answer(response.status_code, parse_json(response.content))
    assert_handled(streamed, "2 MiB chunked body")
    assert streamed.status in (400, 413)


@pytest.mark.parametrize(
    "target",
    [
        "",
        "SignUp",
        "AWSCognitoIdentityProviderService.",
        "AWSCognitoIdentityProviderService.NoSuchOperation",
        "AWSCognitoIdentityProviderService.signup",
        "DynamoDB_20120810.ListTables",
        "AWSCognitoIdentityProviderService.SignUp.Extra",
        "x" * 5000,
    ],
)
def test_wrong_targets_are_refused(client: httpx.Client, target: str) -> None:
    answer = send(client, target, b"{}")
    assert_handled(answer, target)
    assert answer.status == 400


def test_unimplemented_operations_are_refused(client: httpx.Client) -> None:
    model = botocore.session.get_session().get_service_model("cognito-idp")
    missing = sorted(set(model.operation_names) - set(load_operations()))[:10]
    for name in missing:
        answer = send(client, TARGET_PREFIX + name, b"{}")
        assert_handled(answer, name)
        assert answer.status == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/"), ("PUT", "/"), ("DELETE", "/"), ("POST", "/nowhere"), ("GET", "/a/b/c/d")],
)
def test_wrong_paths_and_methods_are_aws_shaped(
    client: httpx.Client, method: str, path: str
) -> None:
    response = client.request(method, path, content=b"{}")
    answer = Answer(response.status_code, parse_json(response.content))
    assert 400 <= answer.status < 500
    assert is_aws_error(answer)


def test_still_serves_after_all_of_it(client: httpx.Client) -> None:
    """Last in the module: a health check and a real SRP sign-in on a new pool."""
    assert client.get("/_local/health").status_code == 200
    pool_id, client_id = new_pool(client, "after-fuzz")
    confirmed_user(client, pool_id, client_id, "survivor", PASSWORD)
    _first, second = srp_login(client, pool_id, client_id, "survivor", PASSWORD)
    assert second is not None and second.ok, second
    assert post_cognito(client, "ListUserPools", {"MaxResults": 60}).ok
