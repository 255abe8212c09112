"""SignUp, ConfirmSignUp, ResendConfirmationCode, AdminConfirmSignUp, AdminGetUser over boto3."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy as sa
from botocore.exceptions import ClientError

from cognito_identity.server.store.schema import codes, users

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .helpers import confirmed_user, error_of, sign_up

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


def test_sign_up_returns_sub_and_masked_email_delivery(boto: Any, pool: PoolIds) -> None:
    response = sign_up(boto, pool, "alice")
    assert response["UserConfirmed"] is False
    assert uuid.UUID(response["UserSub"]).version == 4
    assert response["CodeDeliveryDetails"] == {
        "Destination": "a***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }


def test_sign_up_sends_a_six_digit_code_to_the_outbox(boto: Any, pool: PoolIds) -> None:
    import httpx

    sign_up(boto, pool, "alice")
    listing = httpx.get(pool.endpoint + "_local/messages", params={"username": "alice"}).json()
    message = listing["messages"][0]
    assert message["destination"] == "alice@example.com"
    assert message["medium"] == "EMAIL"
    assert message["kind"] == "signup"
    assert len(message["code"]) == 6 and message["code"].isdigit()
    assert message["message"] == f"Your verification code is {message['code']}."


def test_only_the_code_hash_and_the_verifier_are_stored(
    boto: Any, pool: PoolIds, live_server: Any
) -> None:
    sign_up(boto, pool, "alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    with live_server.engine.connect() as conn:
        user = conn.execute(sa.select(users)).one()
        stored = conn.execute(sa.select(codes.c.code_hash)).scalar_one()
    assert stored == hashlib.sha256(code.encode()).hexdigest()
    assert STRONG_PASSWORD not in repr(tuple(user))
    assert len(user.password_salt) == 32
    assert user.attributes["sub"] == user.sub


def test_sign_up_with_a_phone_masks_like_cognito(boto: Any, live_server: Any) -> None:
    pool_id = boto.create_user_pool(PoolName="p", AutoVerifiedAttributes=["phone_number"])[
        "UserPool"
    ]["Id"]
    client_id = boto.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"][
        "ClientId"
    ]
    response = boto.sign_up(
        ClientId=client_id,
        Username="bob",
        Password=STRONG_PASSWORD,
        UserAttributes=[{"Name": "phone_number", "Value": "+15555551234"}],
    )
    assert response["CodeDeliveryDetails"] == {
        "Destination": "+*******1234",
        "DeliveryMedium": "SMS",
        "AttributeName": "phone_number",
    }


def test_duplicate_username_is_refused_case_insensitively(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, pool, "ALICE")
    assert error_of(excinfo) == ("UsernameExistsException", "User already exists")


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Sh0rt!", "Password not long enough"),
        ("lower-case-1", "Password must have uppercase characters"),
        ("UPPER-CASE-1", "Password must have lowercase characters"),
        ("No-Digits-Here", "Password must have numeric characters"),
        ("NoSymbols123", "Password must have symbol characters"),
    ],
)
def test_weak_passwords_are_refused(boto: Any, pool: PoolIds, password: str, rule: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, pool, "alice", password)
    assert error_of(excinfo) == (
        "InvalidPasswordException",
        f"Password did not conform with policy: {rule}",
    )


def test_unknown_attribute_is_refused_and_custom_ones_are_kept(boto: Any, live_server: Any) -> None:
    pool_id = boto.create_user_pool(
        PoolName="p", Schema=[{"Name": "team", "AttributeDataType": "String"}]
    )["UserPool"]["Id"]
    client_id = boto.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"][
        "ClientId"
    ]
    pool = PoolIds(pool_id, client_id, live_server.endpoint)
    for name in ("shoe_size", "custom:shoe_size"):
        with pytest.raises(ClientError) as excinfo:
            sign_up(boto, pool, "alice", UserAttributes=[{"Name": name, "Value": "9"}])
        code, message = error_of(excinfo)
        assert code == "InvalidParameterException"
        assert message.endswith("Attribute does not exist in the schema.")
    sign_up(boto, pool, "alice", UserAttributes=[{"Name": "custom:team", "Value": "blue"}])
    attributes = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")[
        "UserAttributes"
    ]
    assert {"Name": "custom:team", "Value": "blue"} in attributes


def test_clients_may_not_mark_their_email_verified(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, pool, "alice", UserAttributes=[{"Name": "email_verified", "Value": "true"}])
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_confirm_sign_up_confirms_and_verifies_email(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]


def _confirm(boto: Any, pool: PoolIds, code: str, username: str = "alice") -> Any:
    return boto.confirm_sign_up(ClientId=pool.client_id, Username=username, ConfirmationCode=code)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_wrong_code_is_refused(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    with pytest.raises(ClientError) as excinfo:
        _confirm(boto, pool, _wrong(code))
    assert error_of(excinfo) == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )
    _confirm(boto, pool, code)


def test_code_expires_after_24_hours(boto: Any, pool: PoolIds, clock: Any) -> None:
    sign_up(boto, pool, "alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    clock.advance(25 * 3600)
    with pytest.raises(ClientError) as excinfo:
        _confirm(boto, pool, code)
    assert error_of(excinfo) == (
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
    )


def test_code_is_single_use(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    _confirm(boto, pool, code)
    with pytest.raises(ClientError) as excinfo:
        _confirm(boto, pool, code)
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is CONFIRMED",
    )


def test_code_dies_after_five_wrong_attempts(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    for _ in range(5):
        with pytest.raises(ClientError) as excinfo:
            _confirm(boto, pool, _wrong(code))
        assert error_of(excinfo)[0] == "CodeMismatchException"
    with pytest.raises(ClientError) as excinfo:
        _confirm(boto, pool, code)
    assert error_of(excinfo) == (
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )


def test_resend_replaces_the_code(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    first = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    response = boto.resend_confirmation_code(ClientId=pool.client_id, Username="alice")
    assert response["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    second = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    if first != second:
        with pytest.raises(ClientError) as excinfo:
            _confirm(boto, pool, first)
        assert error_of(excinfo)[0] == "CodeMismatchException"
    _confirm(boto, pool, second)


def test_resend_for_confirmed_or_unknown_users(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        boto.resend_confirmation_code(ClientId=pool.client_id, Username="alice")
    assert error_of(excinfo) == ("InvalidParameterException", "User is already confirmed.")
    with pytest.raises(ClientError) as excinfo:
        boto.resend_confirmation_code(ClientId=pool.client_id, Username="nobody")
    assert error_of(excinfo) == (
        "UserNotFoundException",
        "Username/client id combination not found.",
    )


def test_confirm_unknown_user(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        _confirm(boto, pool, "123456", username="nobody")
    assert error_of(excinfo)[0] == "UserNotFoundException"


def test_admin_confirm_sign_up(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username="alice")
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert user["UserStatus"] == "CONFIRMED"
    with pytest.raises(ClientError) as excinfo:
        boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username="alice")
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_admin_get_user_shape(boto: Any, pool: PoolIds) -> None:
    sub = sign_up(boto, pool, "Alice")["UserSub"]
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")
    user.pop("ResponseMetadata")
    assert set(user) == {
        "Username",
        "UserAttributes",
        "UserCreateDate",
        "UserLastModifiedDate",
        "Enabled",
        "UserStatus",
    }
    assert user["Username"] == "Alice"
    assert user["UserAttributes"][0] == {"Name": "sub", "Value": sub}
    assert {"Name": "email", "Value": "Alice@example.com"} in user["UserAttributes"]
    assert isinstance(user["UserCreateDate"], datetime)
    assert user["Enabled"] is True
    assert user["UserStatus"] == "UNCONFIRMED"


def test_admin_get_unknown_user(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="nobody")
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def _secret_client(boto: Any, pool: PoolIds) -> tuple[str, str]:
    client = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="secret",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    return client["ClientId"], client["ClientSecret"]


def _hash(username: str, client_id: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def test_secret_clients_need_a_correct_secret_hash(boto: Any, pool: PoolIds) -> None:
    client_id, secret = _secret_client(boto, pool)
    secret_pool = PoolIds(pool.user_pool_id, client_id, pool.endpoint)
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, secret_pool, "alice")
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        f"Client {client_id} is configured for secret but secret was not received",
    )
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, secret_pool, "alice", SecretHash=_hash("bob", client_id, secret))
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {client_id}",
    )
    sign_up(boto, secret_pool, "alice", SecretHash=_hash("alice", client_id, secret))


def test_concurrent_sign_ups_create_exactly_one_user(pool: PoolIds) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from ..conftest import make_boto_client

    def attempt(_index: int) -> str:
        try:
            sign_up(make_boto_client(pool.endpoint), pool, "racer")
        except ClientError as error:
            return str(error.response["Error"]["Code"])
        return "ok"

    with ThreadPoolExecutor(max_workers=6) as workers:
        outcomes = list(workers.map(attempt, range(6)))
    assert outcomes.count("ok") == 1
    assert outcomes.count("UsernameExistsException") == 5


def test_codes_are_logged_and_passwords_never(
    boto: Any, pool: PoolIds, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="cognito_identity")
    sign_up(boto, pool, "alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    boto.confirm_sign_up(ClientId=pool.client_id, Username="alice", ConfirmationCode=code)
    boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": STRONG_PASSWORD},
    )
    outbox_lines = [
        record.getMessage()
        for record in caplog.records
        if record.name == "cognito_identity.server.outbox"
    ]
    assert len(outbox_lines) == 1
    assert "alice@example.com" in outbox_lines[0] and code in outbox_lines[0]
    server_text = "\n".join(
        record.getMessage() for record in caplog.records if record.name.startswith("cognito")
    )
    assert STRONG_PASSWORD not in server_text
