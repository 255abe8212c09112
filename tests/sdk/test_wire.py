import json

import httpx
import pytest

from cognito_identity import errors
from cognito_identity._wire import (
    USER_AGENT,
    Call,
    decode_response,
    default_endpoint,
    drop_none,
    encode_request,
    region_of,
    validate_pool_id,
)


def test_encode_request_headers_and_body() -> None:
    headers, body = encode_request(Call("InitiateAuth", {"ClientId": "c", "Session": None}))
    assert headers == {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
        "X-Amz-User-Agent": USER_AGENT,
        "Cache-Control": "no-store",
    }
    assert USER_AGENT.startswith("cognito-identity-python/")
    assert json.loads(body) == {"ClientId": "c"}


def test_drop_none_is_recursive_and_keeps_falsy_values() -> None:
    value = {"a": None, "b": {"c": None, "d": ""}, "e": [{"f": None, "g": 0}], "h": {}, "i": False}
    assert drop_none(value) == {"b": {"d": ""}, "e": [{"g": 0}], "h": {}, "i": False}


def test_call_repr_hides_the_payload() -> None:
    assert "secret" not in repr(Call("InitiateAuth", {"PASSWORD": "secret"}))


def test_endpoint_from_pool_id() -> None:
    assert region_of("eu-west-2_AbC123") == "eu-west-2"
    assert default_endpoint("eu-west-2") == "https://cognito-idp.eu-west-2.amazonaws.com/"


@pytest.mark.parametrize("pool_id", ["us-east-1_AbC123", "local_1", "a_b"])
def test_valid_pool_ids(pool_id: str) -> None:
    validate_pool_id(pool_id)


@pytest.mark.parametrize(
    "pool_id",
    ["nounderscore", "us-east-1_", "_abc", "us-east-1_ab-c", "x_ab\n", "é_abc", "a" * 53 + "_bc"],
)
def test_invalid_pool_ids(pool_id: str) -> None:
    with pytest.raises(ValueError, match=r"^Invalid UserPoolId format\.$"):
        validate_pool_id(pool_id)


def test_success_bodies() -> None:
    assert decode_response(200, httpx.Headers(), b"") == {}
    assert decode_response(200, httpx.Headers(), b'{"a": 1}') == {"a": 1}
    with pytest.raises(errors.InvalidResponseError):
        decode_response(200, httpx.Headers(), b"<html>ok</html>")


def test_error_with_namespaced_type() -> None:
    body = (
        b'{"__type": "com.amazonaws#NotAuthorizedException",'
        b' "message": "Incorrect username or password."}'
    )
    with pytest.raises(errors.NotAuthorizedException) as caught:
        decode_response(400, httpx.Headers(), body)
    assert caught.value.code == "NotAuthorizedException"
    assert caught.value.message == "Incorrect username or password."
    assert caught.value.status_code == 400


def test_error_with_code_and_capital_message() -> None:
    body = b'{"code": "UserNotFoundException", "Message": "User does not exist."}'
    with pytest.raises(errors.UserNotFoundException, match=r"User does not exist\."):
        decode_response(400, httpx.Headers(), body)


def test_unknown_code_gives_the_base_service_error() -> None:
    with pytest.raises(errors.CognitoServiceError) as caught:
        decode_response(418, httpx.Headers(), b'{"__type": "BrandNewException", "message": "m"}')
    assert caught.value.code == "BrandNewException"
    assert caught.value.status_code == 418


def test_error_type_header_fallback() -> None:
    headers = httpx.Headers({"x-amzn-errortype": "TooManyRequestsException:http://internal/"})
    with pytest.raises(errors.TooManyRequestsException) as caught:
        decode_response(429, headers, b"")
    assert caught.value.message == "429"
    assert caught.value.status_code == 429


def test_html_error_page_is_an_invalid_response_with_status() -> None:
    with pytest.raises(errors.InvalidResponseError) as caught:
        decode_response(502, httpx.Headers(), b"<html><body>Bad gateway</body></html>")
    assert caught.value.status_code == 502
    assert "502" in caught.value.message
