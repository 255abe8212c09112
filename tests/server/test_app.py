"""The HTTP layer: X-Amz-Target dispatch, AWS-shaped errors, CORS, health and the outbox listing."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from cognito_identity.server.app import MAX_BODY_BYTES
from cognito_identity.server.ops import OPERATIONS
from cognito_identity.server.store.schema import outbox

from ..sigv4_client import base_url, signed_headers

TARGET = "AWSCognitoIdentityProviderService."
AMZ_JSON = "application/x-amz-json-1.1"


def call(
    http: Any,
    operation: str | None,
    body: Any = None,
    *,
    content: bytes | None = None,
    **headers: str,
) -> Any:
    """POST / with the usual headers (override or drop them with keyword arguments)."""
    sent = {"content-type": AMZ_JSON}
    if operation is not None:
        sent["x-amz-target"] = TARGET + operation
    sent.update({k.replace("_", "-"): v for k, v in headers.items()})
    data = content if content is not None else json.dumps(body if body is not None else {}).encode()
    # Signed as boto3 signs (admin operations need it; public ones ignore it).
    return http.post("/", content=data, headers=signed_headers(base_url(http), sent, data))


def assert_aws_error(response: Any, code: str, status: int = 400) -> str:
    """The response is ``{"__type": code, "message": ...}`` with AWS headers; returns message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == AMZ_JSON
    assert response.headers["x-amzn-errortype"] == f"{code}:"
    assert response.headers["x-amzn-requestid"]
    body = response.json()
    assert set(body) == {"__type", "message"}
    assert body["__type"] == code
    return str(body["message"])


def test_success_is_amz_json_with_a_request_id(http: Any) -> None:
    response = call(http, "ListUserPools", {"MaxResults": 10})
    assert response.status_code == 200
    assert response.headers["content-type"] == AMZ_JSON
    assert response.headers["x-amzn-requestid"]
    assert response.json() == {"UserPools": []}


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", ""])
def test_other_json_content_types_are_accepted(http: Any, content_type: str) -> None:
    response = call(http, "ListUserPools", {"MaxResults": 1}, content_type=content_type)
    assert response.status_code == 200, response.text


def test_a_foreign_content_type_is_refused(http: Any) -> None:
    response = call(http, "ListUserPools", content_type="application/x-www-form-urlencoded")
    assert "content type" in assert_aws_error(response, "SerializationException")


@pytest.mark.parametrize("raw", [b"{", b"[1, 2]", b'"text"', b"\xff\xfe", b"NaN", b"[" * 100000])
def test_malformed_or_non_object_json_is_a_serialization_error(http: Any, raw: bytes) -> None:
    assert_aws_error(call(http, "ListUserPools", content=raw), "SerializationException")


def test_an_empty_body_means_no_members(http: Any) -> None:
    response = call(http, "ListUserPools", content=b"")
    message = assert_aws_error(response, "InvalidParameterException")
    assert message == (
        "1 validation error detected: Value null at 'maxResults' failed to satisfy "
        "constraint: Member must not be null"
    )


def test_a_missing_target_is_an_unknown_operation(http: Any) -> None:
    assert_aws_error(call(http, None), "UnknownOperationException")


@pytest.mark.parametrize(
    "target", ["AWSCognitoIdentityProviderService.NoSuchThing", "Other.ListUserPools", "x"]
)
def test_an_unknown_target_is_an_unknown_operation(http: Any, target: str) -> None:
    response = call(http, None, x_amz_target=target)
    assert_aws_error(response, "UnknownOperationException")


def test_a_real_but_unimplemented_operation_says_so(http: Any) -> None:
    response = call(http, "CreateManagedLoginBranding", {})
    message = assert_aws_error(response, "UnsupportedOperationException")
    assert message == "CreateManagedLoginBranding is not supported by the local server."


def test_a_huge_body_is_refused_before_parsing(http: Any) -> None:
    body = b'{"MaxResults": 1, "x": "' + b"a" * MAX_BODY_BYTES + b'"}'
    response = call(http, "ListUserPools", content=body)
    assert_aws_error(response, "RequestEntityTooLargeException", 413)


def test_an_unexpected_failure_is_a_logged_internal_error_without_the_body(
    http: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_ctx: Any, body: Any) -> Any:
        raise RuntimeError(f"failed on {body['NextToken']}")  # a message quoting the input

    monkeypatch.setitem(OPERATIONS, "ListUserPools", broken)
    with caplog.at_level(logging.ERROR, logger="cognito_identity.server"):
        response = call(http, "ListUserPools", {"MaxResults": 1, "NextToken": "Hunter2-token"})
    message = assert_aws_error(response, "InternalErrorException", 500)
    assert message == "An internal error occurred."
    assert "RuntimeError" in caplog.text and "ListUserPools" in caplog.text
    assert "Hunter2" not in caplog.text


def test_cors_preflight_allows_the_sdk_headers(http: Any) -> None:
    response = http.options(
        "/",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", "http://localhost:3000")
    allowed = response.headers["access-control-allow-headers"].lower()
    for header in ("content-type", "x-amz-target", "x-amz-user-agent"):
        assert header in allowed
    assert "POST" in response.headers["access-control-allow-methods"]


def test_cors_headers_on_answers_and_errors(http: Any) -> None:
    ok = call(http, "ListUserPools", {"MaxResults": 1}, origin="http://localhost:3000")
    error = call(http, "ListUserPools", {}, origin="http://localhost:3000")
    for response in (ok, error):
        assert response.headers["access-control-allow-origin"] == "*"
        assert "x-amzn-errortype" in response.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize(("method", "path", "status"), [("GET", "/", 405), ("GET", "/nope", 404)])
def test_unknown_paths_and_methods_are_aws_shaped(
    http: Any, method: str, path: str, status: int
) -> None:
    assert_aws_error(http.request(method, path), "UnknownOperationException", status)


def test_health(http: Any) -> None:
    response = http.get("/_local/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def _store_message(app: Any, **values: Any) -> None:
    row = {
        "pool_id": "us-east-1_pool",
        "username": "alice",
        "destination": "alice@example.com",
        "medium": "EMAIL",
        "kind": "signup",
        "code": "123456",
        "message": "Your code is 123456",
        "sent_at": 1700000000.0,
    }
    with app.state.engine.begin() as conn:
        conn.execute(outbox.insert().values(**{**row, **values}))


def test_messages_are_listed_newest_first_and_filtered(app: Any, http: Any) -> None:
    _store_message(app, code="111111", sent_at=1700000000.0)
    _store_message(app, code="222222", sent_at=1700000100.5)
    _store_message(
        app,
        username="bob",
        destination="+15550100",
        medium="SMS",
        code="333333",
        sent_at=1700000050.0,
    )
    _store_message(app, pool_id="us-east-1_other", code="444444", sent_at=1700000200.0)

    every = http.get("/_local/messages").json()["messages"]
    assert [m["code"] for m in every] == ["444444", "222222", "333333", "111111"]
    alice = http.get(
        "/_local/messages", params={"pool_id": "us-east-1_pool", "username": "ALICE"}
    ).json()["messages"]
    assert [m["code"] for m in alice] == ["222222", "111111"]
    assert alice[0] == {
        "pool_id": "us-east-1_pool",
        "username": "alice",
        "destination": "alice@example.com",
        "medium": "EMAIL",
        "kind": "signup",
        "code": "222222",
        "message": "Your code is 123456",
        "sent_at": "2023-11-14T22:15:00.500Z",
    }
    by_phone = http.get("/_local/messages", params={"destination": "+15550100"}).json()
    assert [m["code"] for m in by_phone["messages"]] == ["333333"]
    limited = http.get("/_local/messages", params={"limit": "1"}).json()["messages"]
    assert [m["code"] for m in limited] == ["444444"]


def test_messages_of_nobody_is_an_empty_list(http: Any) -> None:
    response = http.get("/_local/messages", params={"username": "nobody"})
    assert response.status_code == 200
    assert response.json() == {"messages": []}


def test_boto3_sees_service_errors_with_code_and_message(boto: Any) -> None:
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as raised:
        boto.describe_user_pool(UserPoolId="us-east-1_missing1")
    error = raised.value.response["Error"]
    assert error["Code"] == "ResourceNotFoundException"
    assert error["Message"] == "User pool us-east-1_missing1 does not exist."
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_the_live_server_speaks_plain_httpx_too(live_server: Any) -> None:
    content = b'{"MaxResults": 5}'
    headers = {"x-amz-target": TARGET + "ListUserPools", "content-type": AMZ_JSON}
    signed = signed_headers(live_server.endpoint, headers, content)
    response = httpx.post(live_server.endpoint, headers=signed, content=content)
    assert response.status_code == 200
    assert response.json() == {"UserPools": []}
