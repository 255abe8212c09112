"""User pool triggers as Python callables (tests/server/lambda_triggers.py), over boto3."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from . import lambda_triggers
from .helpers import confirmed_user, error_of, password_login, sign_up, srp_login
from .pool_helpers import make_pool

ARN = "arn:aws:lambda:us-east-1:000000000000:function:tests.server.lambda_triggers."


def _pool(boto: Any, live_server: Any, **lambdas: str) -> PoolIds:
    lambda_triggers.EVENTS.clear()
    config = {name: ARN + target for name, target in lambdas.items()}
    return make_pool(
        boto,
        live_server.endpoint,
        LambdaConfig=config,
        Schema=[{"Name": "family_name", "AttributeDataType": "String", "Mutable": True}],
    )


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def _messages(pool: PoolIds, username: str) -> list[dict[str, Any]]:
    listing = httpx.get(
        pool.endpoint + "_local/messages",
        params={"pool_id": pool.user_pool_id, "username": username},
    )
    return list(listing.json()["messages"])


def test_pre_sign_up_auto_confirms_and_verifies(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PreSignUp="pre_sign_up", PostConfirmation="record")
    email = {"Name": "email", "Value": "bob@example.net"}
    result = sign_up(
        boto,
        pool,
        "bob",
        UserAttributes=[email],
        ValidationData=[{"Name": "invite", "Value": "X1"}],
        ClientMetadata={"app": "web"},
    )
    assert result["UserConfirmed"] is True and "CodeDeliveryDetails" not in result
    event = lambda_triggers.EVENTS[0]
    assert event["triggerSource"] == "PreSignUp_SignUp"
    assert event["userName"] == "bob" and event["userPoolId"] == pool.user_pool_id
    assert event["callerContext"]["clientId"] == pool.client_id
    assert event["request"]["validationData"] == {"invite": "X1"}
    assert event["request"]["clientMetadata"] == {"app": "web"}
    assert event["response"] == {
        "autoConfirmUser": False,
        "autoVerifyEmail": False,
        "autoVerifyPhone": False,
    }
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="bob")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    assert password_login(boto, pool, "bob")["IdToken"]
    assert lambda_triggers.sources() == ["PreSignUp_SignUp"]  # no PostConfirmation


def test_pre_sign_up_refusal_is_a_lambda_validation_error(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PreSignUp="pre_sign_up")
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, pool, "eve", UserAttributes=[{"Name": "email", "Value": "e@example.org"}])
    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "PreSignUp failed with error example.org may not sign up.",
    )
    with pytest.raises(ClientError) as excinfo:
        boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="eve")
    assert error_of(excinfo)[0] == "UserNotFoundException"


def test_a_bad_response_is_an_invalid_lambda_response(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PreSignUp="pre_sign_up_bad")
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, pool, "bob")
    assert error_of(excinfo)[0] == "InvalidLambdaResponseException"


def test_pre_sign_up_on_admin_create_user(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PreSignUp="pre_sign_up")
    created = boto.admin_create_user(
        UserPoolId=pool.user_pool_id,
        Username="carol",
        UserAttributes=[{"Name": "email", "Value": "carol@example.net"}],
        MessageAction="SUPPRESS",
    )["User"]
    assert created["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert {"Name": "email_verified", "Value": "true"} in created["Attributes"]
    assert lambda_triggers.sources() == ["PreSignUp_AdminCreateUser"]
    assert lambda_triggers.EVENTS[0]["callerContext"]["clientId"] is None


def test_post_confirmation_after_confirm_and_reset(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PostConfirmation="record")
    confirmed_user(boto, pool, "alice")
    boto.forgot_password(ClientId=pool.client_id, Username="alice")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    boto.confirm_forgot_password(
        ClientId=pool.client_id, Username="alice", ConfirmationCode=code, Password="N3w-Passw0rd!"
    )
    assert lambda_triggers.sources() == [
        "PostConfirmation_ConfirmSignUp",
        "PostConfirmation_ConfirmForgotPassword",
    ]
    attributes = lambda_triggers.EVENTS[0]["request"]["userAttributes"]
    assert attributes["email_verified"] == "true" and attributes["sub"]


def test_pre_authentication_blocks_before_the_password(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PreAuthentication="pre_authentication")
    confirmed_user(boto, pool, "alice")
    password_login(boto, pool, "alice")
    boto.admin_update_user_attributes(
        UserPoolId=pool.user_pool_id,
        Username="alice",
        UserAttributes=[{"Name": "family_name", "Value": "Blocked"}],
    )
    for login in (password_login, srp_login):
        with pytest.raises(ClientError) as excinfo:
            login(boto, pool, "alice")
        assert error_of(excinfo) == (
            "UserLambdaValidationException",
            "PreAuthentication failed with error You are blocked.",
        )
    assert set(lambda_triggers.sources()) == {"PreAuthentication_Authentication"}


def test_post_authentication_runs_after_tokens_and_can_fail(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PostAuthentication="record")
    confirmed_user(boto, pool, "alice")
    password_login(boto, pool, "alice")
    assert lambda_triggers.sources() == ["PostAuthentication_Authentication"]
    assert lambda_triggers.EVENTS[0]["request"]["newDeviceUsed"] is False
    failing = _pool(boto, live_server, PostAuthentication="post_authentication_fails")
    confirmed_user(boto, failing, "bob")
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, failing, "bob")
    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "PostAuthentication failed with error audit log unavailable.",
    )


def test_pre_token_generation_v1(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, PreTokenGeneration="pre_token_v1")
    sign_up(
        boto,
        pool,
        "alice",
        UserAttributes=[
            {"Name": "email", "Value": "alice@example.com"},
            {"Name": "family_name", "Value": "Liddell"},
        ],
    )
    boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username="alice")
    tokens = password_login(boto, pool, "alice")
    id_claims, access = _claims(tokens["IdToken"]), _claims(tokens["AccessToken"])
    assert id_claims["tenant"] == "acme" and "family_name" not in id_claims
    assert id_claims["sub"] != "forged" and id_claims["aud"] == pool.client_id
    assert id_claims["cognito:groups"] == ["admins"] == access["cognito:groups"]
    assert id_claims["cognito:preferred_role"] == "arn:aws:iam::000000000000:role/admin"
    assert "tenant" not in access  # V1 changes the ID token only
    event = lambda_triggers.EVENTS[0]
    assert event["triggerSource"] == "TokenGeneration_Authentication"
    assert event["response"] == {"claimsOverrideDetails": None}
    refreshed = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
    )["AuthenticationResult"]
    assert _claims(refreshed["IdToken"])["tenant"] == "acme"
    assert lambda_triggers.sources()[-1] == "TokenGeneration_RefreshTokens"


def test_pre_token_generation_v2(boto: Any, live_server: Any) -> None:
    lambda_triggers.EVENTS.clear()
    v2 = {"LambdaVersion": "V2_0", "LambdaArn": ARN + "pre_token_v2"}
    config = {"PreTokenGenerationConfig": v2}
    pool = make_pool(boto, live_server.endpoint, LambdaConfig=config)
    confirmed_user(boto, pool, "alice")
    tokens = password_login(boto, pool, "alice")
    id_claims, access = _claims(tokens["IdToken"]), _claims(tokens["AccessToken"])
    assert id_claims["plan"] == "gold" and access["tenant"] == "acme"
    assert access["client_id"] == pool.client_id
    assert access["scope"].split() == ["aws.cognito.signin.user.admin", "orders/read"]
    assert lambda_triggers.EVENTS[0]["version"] == "2"
    assert lambda_triggers.EVENTS[0]["request"]["scopes"] == ["aws.cognito.signin.user.admin"]
    assert boto.get_user(AccessToken=tokens["AccessToken"])["Username"] == "alice"


def test_custom_message_rewrites_the_outbox(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, CustomMessage="custom_message")
    sign_up(boto, pool, "alice")
    boto.resend_confirmation_code(ClientId=pool.client_id, Username="alice")
    messages = _messages(pool, "alice")
    code = messages[0]["code"]
    assert messages[0]["message"] == f"[CustomMessage_ResendCode] your code: {code}"
    assert messages[1]["message"].startswith("[CustomMessage_SignUp] your code: ")
    boto.admin_create_user(
        UserPoolId=pool.user_pool_id,
        Username="carol",
        UserAttributes=[{"Name": "email", "Value": "carol@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    invitation = _messages(pool, "carol")[0]["message"]
    assert invitation.startswith("[CustomMessage_AdminCreateUser] your code: ")
    assert lambda_triggers.EVENTS[-1]["request"]["usernameParameter"] == "{username}"


def test_custom_message_must_keep_the_code(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, CustomMessage="custom_message_without_code")
    with pytest.raises(ClientError) as excinfo:
        sign_up(boto, pool, "alice")
    assert error_of(excinfo)[0] == "InvalidLambdaResponseException"


def test_user_migration_on_password_sign_in(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, UserMigration="user_migration")
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, pool, "legacy", "wrong-Passw0rd!")
    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "UserMigration failed with error Bad password.",
    )
    tokens = password_login(boto, pool, "legacy", "Legacy-Passw0rd!")
    assert _claims(tokens["IdToken"])["email"] == "legacy@example.com"
    event = lambda_triggers.EVENTS[-1]
    assert event["triggerSource"] == "UserMigration_Authentication"
    assert event["request"]["password"] == "Legacy-Passw0rd!"
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="legacy")
    assert user["UserStatus"] == "CONFIRMED"
    assert srp_login(boto, pool, "legacy", "Legacy-Passw0rd!")["IdToken"]
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, pool, "nobody", STRONG_PASSWORD)
    assert error_of(excinfo)[0] == "UserLambdaValidationException"


def test_user_migration_on_forgot_password(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, UserMigration="user_migration")
    sent = boto.forgot_password(ClientId=pool.client_id, Username="legacy")
    assert sent["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert lambda_triggers.sources() == ["UserMigration_ForgotPassword"]
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="legacy")
    assert user["UserStatus"] == "RESET_REQUIRED"
    code = latest_code(pool.endpoint, pool.user_pool_id, "legacy")
    boto.confirm_forgot_password(
        ClientId=pool.client_id, Username="legacy", ConfirmationCode=code, Password=STRONG_PASSWORD
    )
    assert password_login(boto, pool, "legacy")["IdToken"]
