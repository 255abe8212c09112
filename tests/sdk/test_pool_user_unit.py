"""CognitoUserPool and CognitoUser logic with a scripted sender in place of the transport.

The end-to-end tests (test_end_to_end.py) run the same classes against the local server; these
cover what that server does not produce on demand (odd challenges, refused refresh tokens).
"""

from collections.abc import Callable
from typing import Any

import pytest

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    MemoryStorage,
    NotAuthenticatedError,
    UnsupportedChallengeError,
    errors,
)
from cognito_identity._wire import Call
from cognito_identity.protocol.secret_hash import secret_hash

from .helpers import ScriptedSender, auth_result, make_jwt

POOL_ID = "us-east-1_AbC123"
PREFIX = "CognitoIdentityServiceProvider.client1"
NOW = 1_700_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


def fake_pool(
    *handlers: Callable[[Call], dict[str, Any]],
    secret: str | None = None,
    clock: Clock | None = None,
) -> tuple[CognitoUserPool, ScriptedSender]:
    pool = CognitoUserPool(POOL_ID, "client1", client_secret=secret, clock=clock or Clock())
    sender = ScriptedSender(*handlers)
    pool._transport = sender  # type: ignore[assignment]
    return pool, sender


@pytest.mark.parametrize(("pool_id", "client_id"), [("", "c"), (POOL_ID, ""), (None, "c")])
def test_pool_requires_both_ids(pool_id: str, client_id: str) -> None:
    with pytest.raises(ValueError, match=r"^Both UserPoolId and ClientId are required\.$"):
        CognitoUserPool(pool_id, client_id)


def test_pool_rejects_bad_ids() -> None:
    with pytest.raises(ValueError, match=r"^Invalid UserPoolId format\.$"):
        CognitoUserPool("no-underscore", "c")


def test_pool_properties_and_js_getters() -> None:
    pool = CognitoUserPool("eu-west-1_XyZ9", "client1")
    assert (pool.user_pool_id, pool.client_id, pool.region) == (
        "eu-west-1_XyZ9",
        "client1",
        "eu-west-1",
    )
    assert pool.endpoint == "https://cognito-idp.eu-west-1.amazonaws.com/"
    assert pool.get_user_pool_id() == "eu-west-1_XyZ9"
    assert pool.get_user_pool_name() == "XyZ9"
    assert pool.get_client_id() == "client1"
    assert (
        CognitoUserPool(POOL_ID, "c", "http://localhost:9229/").endpoint == "http://localhost:9229/"
    )
    assert not pool.has_client_secret
    assert "s3cret" not in repr(CognitoUserPool(POOL_ID, "c", client_secret="s3cret"))


def test_each_pool_gets_its_own_memory_storage() -> None:
    first, second = CognitoUserPool(POOL_ID, "c"), CognitoUserPool(POOL_ID, "c")
    assert isinstance(first.storage, MemoryStorage)
    assert first.storage is not second.storage


def test_get_current_user_reads_last_auth_user() -> None:
    pool = CognitoUserPool(POOL_ID, "client1")
    assert pool.get_current_user() is None
    pool.storage.set_item(f"{PREFIX}.LastAuthUser", "bob")
    user = pool.get_current_user()
    assert user is not None
    assert user.get_username() == "bob"
    assert user.storage is pool.storage


def test_user_needs_a_name_and_a_pool() -> None:
    with pytest.raises(ValueError, match=r"^Username and Pool information are required\.$"):
        CognitoUser("", CognitoUserPool(POOL_ID, "c"))


def test_flow_type_is_checked() -> None:
    user = CognitoUser("bob", CognitoUserPool(POOL_ID, "c"))
    assert user.get_authentication_flow_type() == "USER_SRP_AUTH"
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    assert user.get_authentication_flow_type() == "USER_PASSWORD_AUTH"
    with pytest.raises(ValueError, match=r"^Authentication flow type is invalid\.$"):
        user.set_authentication_flow_type("ADMIN_NO_SRP_AUTH")


def test_password_is_required_before_any_call() -> None:
    pool, sender = fake_pool()
    with pytest.raises(ValueError, match="PASSWORD parameter is required"):
        CognitoUser("bob", pool).authenticate_user(AuthenticationDetails("bob"))
    assert sender.calls == []


def test_sign_up_sends_attributes_and_secret_hash() -> None:
    answer = {
        "UserConfirmed": False,
        "UserSub": "sub-1",
        "CodeDeliveryDetails": {"DeliveryMedium": "EMAIL"},
    }
    pool, sender = fake_pool(lambda call: answer, secret="s3cret")
    result = pool.sign_up("bob", "pw", {"email": "b@example.com"}, client_metadata={"m": "1"})
    assert (result.user_confirmed, result.user_sub) == (False, "sub-1")
    assert result.code_delivery_details == {"DeliveryMedium": "EMAIL"}
    assert result.user.get_username() == "bob"
    assert result.user.storage is pool.storage
    payload = sender.calls[0].payload
    assert payload["UserAttributes"] == [{"Name": "email", "Value": "b@example.com"}]
    assert payload["SecretHash"] == secret_hash("bob", "client1", "s3cret")
    assert payload["ClientMetadata"] == {"m": "1"}


def test_confirm_and_resend_send_the_secret_hash() -> None:
    pool, sender = fake_pool(
        lambda call: {}, lambda call: {"CodeDeliveryDetails": {}}, secret="s3cret"
    )
    user = CognitoUser("bob", pool)
    assert user.confirm_registration("123456") == "SUCCESS"
    assert user.resend_confirmation_code() == {"CodeDeliveryDetails": {}}
    confirm, resend = sender.calls
    assert confirm.payload["ConfirmationCode"] == "123456"
    assert confirm.payload["ForceAliasCreation"] is False
    assert (
        confirm.payload["SecretHash"]
        == resend.payload["SecretHash"]
        == secret_hash("bob", "client1", "s3cret")
    )


# MFA, new-password and custom challenges are answered (test_challenges_unit.py); these are not.
@pytest.mark.parametrize("name", ["SELECT_CHALLENGE", "WEB_AUTHN", "SMS_OTP"])
def test_unsupported_challenge_raises_and_stores_nothing(name: str) -> None:
    answer = {"ChallengeName": name, "ChallengeParameters": {}, "Session": "s"}
    pool, _ = fake_pool(lambda call: answer)
    user = CognitoUser("bob", pool)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    with pytest.raises(UnsupportedChallengeError) as caught:
        user.authenticate_user(AuthenticationDetails("bob", "pw"))
    assert caught.value.challenge_name == name
    assert len(pool.storage) == 0  # type: ignore[arg-type]
    assert user.get_sign_in_user_session() is None


def signed_in(
    clock: Clock, *handlers: Callable[[Call], dict[str, Any]], secret: str | None = None
) -> tuple[CognitoUser, ScriptedSender]:
    first = {"AuthenticationResult": auth_result(clock.now, lifetime=3600)}
    pool, sender = fake_pool(lambda call: first, *handlers, secret=secret, clock=clock)
    user = CognitoUser("bob", pool)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    user.authenticate_user(AuthenticationDetails("bob", "pw"))
    return user, sender


def test_sign_in_stores_tokens_in_the_js_layout() -> None:
    clock = Clock()
    user, _ = signed_in(clock)
    storage = user.storage
    assert storage.get_item(f"{PREFIX}.LastAuthUser") == "bob"
    session = user.get_sign_in_user_session()
    assert session is not None
    assert storage.get_item(f"{PREFIX}.bob.idToken") == session.id_token.jwt_token
    assert storage.get_item(f"{PREFIX}.bob.accessToken") == session.access_token.jwt_token
    assert storage.get_item(f"{PREFIX}.bob.refreshToken") == "refresh-1"
    assert storage.get_item(f"{PREFIX}.bob.clockDrift") == "0"


def test_get_session_refreshes_an_expired_session_with_the_real_username() -> None:
    clock = Clock()
    refreshed = {"AuthenticationResult": auth_result(NOW + 4000, refresh=None)}
    user, sender = signed_in(clock, lambda call: refreshed, secret="s3cret")
    clock.now += 4000
    session = user.get_session()
    assert session.is_valid()
    assert session.refresh_token is not None and session.refresh_token.token == "refresh-1"
    parameters = sender.calls[-1].payload["AuthParameters"]
    # the access token's username claim is "s-1" (helpers.auth_result), not the typed "bob"
    assert parameters["SECRET_HASH"] == secret_hash("s-1", "client1", "s3cret")


def test_refused_refresh_clears_the_stored_user() -> None:
    def refuse(call: Call) -> dict[str, Any]:
        raise errors.NotAuthorizedException("Refresh Token has expired")

    clock = Clock()
    user, sender = signed_in(clock, refuse)
    user.storage.set_item(f"{PREFIX}.bob.userData", "{}")
    user.storage.set_item(f"{PREFIX}.bob.deviceKey", "dev")
    clock.now += 4000
    with pytest.raises(errors.NotAuthorizedException):
        user.get_session()
    assert len(sender.calls) == 2  # refused once, not retried
    assert user.storage.get_item(f"{PREFIX}.bob.idToken") is None
    assert user.storage.get_item(f"{PREFIX}.bob.userData") is None
    assert user.storage.get_item(f"{PREFIX}.LastAuthUser") is None
    assert user.storage.get_item(f"{PREFIX}.bob.deviceKey") == "dev"
    with pytest.raises(NotAuthenticatedError, match="missing an ID Token"):
        user.get_session()


def test_get_session_without_anything_stored() -> None:
    pool, _ = fake_pool()
    with pytest.raises(NotAuthenticatedError) as caught:
        CognitoUser("bob", pool).get_session()
    assert caught.value.message == "Local storage is missing an ID Token, Please authenticate"


def test_get_session_expired_without_refresh_token() -> None:
    clock = Clock()
    pool, _ = fake_pool(clock=clock)
    pool.storage.set_item(f"{PREFIX}.bob.idToken", make_jwt(iat=int(NOW), exp=int(NOW)))
    pool.storage.set_item(f"{PREFIX}.bob.accessToken", make_jwt(iat=int(NOW), exp=int(NOW)))
    with pytest.raises(NotAuthenticatedError) as caught:
        CognitoUser("bob", pool).get_session()
    assert caught.value.message == "Cannot retrieve a new session. Please authenticate."


def test_get_user_data_is_cached_and_sign_out_clears_it() -> None:
    clock = Clock()
    data = {"Username": "bob", "UserAttributes": [{"Name": "email", "Value": "e"}]}
    user, sender = signed_in(clock, lambda call: data)
    assert user.get_user_data() == data
    assert user.get_user_data() == data
    assert [call.operation for call in sender.calls] == ["InitiateAuth", "GetUser"]
    user.storage.set_item(f"{PREFIX}.bob.deviceKey", "dev")
    user.sign_out()
    assert user.get_sign_in_user_session() is None
    assert user.storage.get_item(f"{PREFIX}.bob.userData") is None
    assert user.storage.get_item(f"{PREFIX}.bob.accessToken") is None
    assert user.storage.get_item(f"{PREFIX}.bob.deviceKey") == "dev"


def test_set_sign_in_user_session_caches_it() -> None:
    clock = Clock()
    user, _ = signed_in(clock)
    session = user.get_sign_in_user_session()
    assert session is not None
    other = CognitoUser("bob", user.pool, MemoryStorage())
    other.set_sign_in_user_session(session)
    assert other.storage.get_item(f"{PREFIX}.bob.idToken") == session.id_token.jwt_token
    assert other.get_session() is session


def test_pool_closes_only_its_own_client() -> None:
    import httpx

    client = httpx.Client()
    with CognitoUserPool(POOL_ID, "c", http_client=client):
        pass
    assert not client.is_closed
    client.close()
