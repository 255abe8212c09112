"""Account methods with a scripted sender: exact requests, what is cached or cleared, and the
cases the local server does not produce on demand (a failing refetch, odd answers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cognito_identity import (
    CodeDeliveryDetails,
    CognitoUser,
    CognitoUserAttribute,
    CognitoUserPool,
    CognitoUserSession,
    NetworkError,
    UpdateAttributesResult,
    errors,
)
from cognito_identity._flows import account, run_sync
from cognito_identity._flows.auth import AuthContext
from cognito_identity._wire import Call, drop_none
from cognito_identity.protocol.secret_hash import secret_hash

from .helpers import ScriptedSender, auth_result, make_jwt

POOL_ID = "us-east-1_AbC123"
PREFIX = "CognitoIdentityServiceProvider.client1"
NOW = 1_700_000_000.0
Handler = Callable[[Call], dict[str, Any]]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


def answer(value: dict[str, Any]) -> Handler:
    return lambda call: value


def fail(error: Exception) -> Handler:
    def raise_it(call: Call) -> dict[str, Any]:
        raise error

    return raise_it


def session_at(
    now: float, *, revocable: bool = False, refresh: str = "refresh-1"
) -> dict[str, Any]:
    result = auth_result(now, refresh=refresh)
    if revocable:
        claims = {"username": "s-1", "iat": int(now), "exp": int(now) + 3600, "origin_jti": "o-1"}
        result["AccessToken"] = make_jwt(**claims)
    return result


def user_with_session(
    *handlers: Handler, secret: str | None = None, revocable: bool = False
) -> tuple[CognitoUser, ScriptedSender, Clock]:
    clock = Clock()
    pool = CognitoUserPool(POOL_ID, "client1", client_secret=secret, clock=clock)
    sender = ScriptedSender(*handlers)
    pool._transport = sender  # type: ignore[assignment]
    user = CognitoUser("bob", pool)
    result = session_at(NOW, revocable=revocable)
    user.set_sign_in_user_session(
        CognitoUserSession.from_authentication_result(result, clock=clock)
    )
    return user, sender, clock


def access_token(user: CognitoUser) -> str:
    session = user.get_sign_in_user_session()
    assert session is not None
    return session.access_token.jwt_token


def stored(user: CognitoUser, item: str) -> str | None:
    return user.storage.get_item(f"{PREFIX}.bob.{item}")


USER_DATA = {"Username": "bob", "UserAttributes": [{"Name": "email", "Value": "b@e.com"}]}
REFRESHED = {"AuthenticationResult": auth_result(NOW + 1)}


def test_update_attributes_request_result_and_refetch() -> None:
    delivery = {"Destination": "b***@e.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    user, sender, _ = user_with_session(
        answer({"CodeDeliveryDetailsList": [delivery]}), answer(USER_DATA), answer(REFRESHED)
    )
    token = access_token(user)
    result = user.update_attributes(
        [CognitoUserAttribute("email", "b@e.com")], client_metadata={"k": "v"}
    )
    assert result == UpdateAttributesResult((CodeDeliveryDetails("b***@e.com", "EMAIL", "email"),))
    assert result.result == "SUCCESS"
    update, get_user, refresh = sender.calls
    assert (update.operation, get_user.operation, refresh.operation) == (
        "UpdateUserAttributes",
        "GetUser",
        "InitiateAuth",
    )
    assert update.payload == {
        "AccessToken": token,
        "UserAttributes": [{"Name": "email", "Value": "b@e.com"}],
        "ClientMetadata": {"k": "v"},
    }
    assert refresh.payload["ClientMetadata"] == {"k": "v"}
    assert stored(user, "userData") is not None
    assert stored(user, "accessToken") == REFRESHED["AuthenticationResult"]["AccessToken"]


def test_update_attributes_succeeds_when_the_refetch_fails() -> None:
    user, sender, _ = user_with_session(answer({}), fail(NetworkError()))
    result = user.update_attributes({"nickname": "B"})
    assert result.code_delivery_details_list == ()
    assert [call.operation for call in sender.calls] == ["UpdateUserAttributes", "GetUser"]
    assert stored(user, "accessToken") == access_token(user)  # nothing was cleared


def test_update_attributes_failure_is_raised_and_nothing_refetched() -> None:
    user, sender, _ = user_with_session(fail(errors.AliasExistsException("taken")))
    with pytest.raises(errors.AliasExistsException):
        user.update_attributes({"email": "x@e.com"})
    assert len(sender.calls) == 1


def test_delete_attributes_request() -> None:
    user, sender, _ = user_with_session(answer({}), answer(USER_DATA), answer(REFRESHED))
    token = access_token(user)
    assert user.delete_attributes("nickname") == "SUCCESS"  # a lone name, not its letters
    assert sender.calls[0].payload == {"AccessToken": token, "UserAttributeNames": ["nickname"]}


def test_verification_code_and_verify_requests() -> None:
    delivery = {"CodeDeliveryDetails": {"DeliveryMedium": "SMS", "AttributeName": "phone_number"}}
    user, sender, _ = user_with_session(answer(delivery), answer({}))
    user.storage.set_item(f"{PREFIX}.bob.userData", "{}")
    token = access_token(user)
    details = user.get_attribute_verification_code("phone_number", {"k": "v"})
    assert details == CodeDeliveryDetails(None, "SMS", "phone_number")
    assert user.verify_attribute("phone_number", "123456") == "SUCCESS"
    code_call, verify_call = sender.calls
    assert code_call.payload == {
        "AccessToken": token,
        "AttributeName": "phone_number",
        "ClientMetadata": {"k": "v"},
    }
    assert verify_call.payload == {
        "AccessToken": token,
        "AttributeName": "phone_number",
        "Code": "123456",
    }
    assert stored(user, "userData") is None  # phone_number_verified changed


def test_change_password_request() -> None:
    user, sender, _ = user_with_session(answer({}))
    assert user.change_password("old-pw", "new-pw") == "SUCCESS"
    assert drop_none(sender.calls[0].payload) == {
        "AccessToken": access_token(user),
        "PreviousPassword": "old-pw",
        "ProposedPassword": "new-pw",
    }
    assert "new-pw" not in repr(sender.calls[0])


def test_forgot_and_confirm_password_requests_with_secret_hash() -> None:
    delivery = {"CodeDeliveryDetails": {"Destination": "b***", "DeliveryMedium": "EMAIL"}}
    pool = CognitoUserPool(POOL_ID, "client1", client_secret="s3cret")
    sender = ScriptedSender(answer(delivery), answer({}))
    pool._transport = sender  # type: ignore[assignment]
    user = CognitoUser("bob", pool)
    assert user.forgot_password({"k": "v"}).destination == "b***"
    assert user.confirm_password("123456", "new-pw") == "SUCCESS"
    forgot, confirm = sender.calls
    expected_hash = secret_hash("bob", "client1", "s3cret")
    assert forgot.payload == {
        "ClientId": "client1",
        "Username": "bob",
        "SecretHash": expected_hash,
        "ClientMetadata": {"k": "v"},
    }
    assert drop_none(confirm.payload) == {
        "ClientId": "client1",
        "Username": "bob",
        "ConfirmationCode": "123456",
        "Password": "new-pw",
        "SecretHash": expected_hash,
    }


def test_delete_user_clears_everything_including_the_device() -> None:
    user, sender, _ = user_with_session(answer({}))
    user.storage.set_item(f"{PREFIX}.bob.userData", "{}")
    user.storage.set_item(f"{PREFIX}.bob.deviceKey", "dev")
    token = access_token(user)
    assert user.delete_user({"k": "v"}) == "SUCCESS"
    assert sender.calls[0].payload == {"AccessToken": token, "ClientMetadata": {"k": "v"}}
    assert user.get_sign_in_user_session() is None
    assert [stored(user, item) for item in ("idToken", "refreshToken", "userData")] == [None] * 3
    assert user.storage.get_item(f"{PREFIX}.LastAuthUser") is None
    assert stored(user, "deviceKey") is None  # the pool deleted the user's devices too


def test_global_sign_out_failure_keeps_the_session() -> None:
    user, _, _ = user_with_session(fail(NetworkError()))
    with pytest.raises(NetworkError):
        user.global_sign_out()
    assert user.get_sign_in_user_session() is not None
    assert stored(user, "accessToken") is not None


def test_global_sign_out_clears_memory_too() -> None:
    user, sender, _ = user_with_session(answer({}))
    token = access_token(user)
    assert user.global_sign_out() == "SUCCESS"
    assert sender.calls[0] == Call("GlobalSignOut", {"AccessToken": token})
    assert user.get_sign_in_user_session() is None
    assert stored(user, "accessToken") is None


def test_expired_session_is_refreshed_before_the_call() -> None:
    user, sender, clock = user_with_session(
        answer({"AuthenticationResult": auth_result(NOW + 4000)}), answer({})
    )
    clock.now += 4000
    user.change_password("old-pw", "new-pw")
    refresh, change = sender.calls
    assert refresh.payload["AuthFlow"] == "REFRESH_TOKEN_AUTH"
    assert change.payload["AccessToken"] == access_token(user)
    assert user.get_sign_in_user_session() is not None
    assert user.get_sign_in_user_session().is_valid()  # type: ignore[union-attr]


def test_refused_refresh_fails_the_call_and_clears() -> None:
    user, sender, clock = user_with_session(fail(errors.NotAuthorizedException("revoked")))
    clock.now += 4000
    with pytest.raises(errors.NotAuthorizedException):
        user.get_user_attributes()
    assert len(sender.calls) == 1
    assert stored(user, "idToken") is None


def test_get_mfa_options_reads_get_user() -> None:
    options = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    user, _, _ = user_with_session(answer({"MFAOptions": options}), answer({}))
    with pytest.warns(DeprecationWarning):
        assert user.get_mfa_options() == options
    with pytest.warns(DeprecationWarning):
        assert user.get_mfa_options() == []


def test_get_user_attributes_refreshes_the_cached_data() -> None:
    user, _, _ = user_with_session(answer(USER_DATA))
    assert [a.name for a in user.get_user_attributes()] == ["email"]
    assert user.get_user_data() == USER_DATA  # from the cache: no second call was scripted


def test_flows_run_alone() -> None:
    """The flows need no user object: an async twin can drive them as they are."""
    sender = ScriptedSender(answer({"CodeDeliveryDetails": {"AttributeName": "email"}}))
    context = AuthContext("client1", "AbC123")
    details = run_sync(account.forgot_password(context, "bob"), sender)
    assert details.attribute_name == "email"
    assert sender.calls[0].payload["Username"] == "bob"


def test_code_delivery_details_round_trip() -> None:
    wire = {"Destination": "d", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    assert CodeDeliveryDetails.from_dict(wire).to_dict() == wire
    assert CodeDeliveryDetails.from_dict(None) == CodeDeliveryDetails()
    assert UpdateAttributesResult.from_answer({"CodeDeliveryDetailsList": "junk"}).result == (
        "SUCCESS"
    )
