"""An app client with a secret, through every operation that takes SECRET_HASH, on the real
local server; a wrong or missing secret is refused.

SECRET_HASH = base64(HMAC-SHA256(secret, username + client_id)). It goes in ``SecretHash`` of
SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword, in
AuthParameters / ChallengeResponses (over USER_ID_FOR_SRP from the SRP challenge on), and in
REFRESH_TOKEN_AUTH over the real user name (the sub when users sign in by email).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserPool, errors
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds

from .live import MODES, PoolMaker, pool_maker

NEW_PASSWORD = "N3w-Passw0rd!!"
# Shaped like a real secret (the model wants 24+ word characters), but not the client's.
WRONG_SECRET = "Wr0ngSecret" * 4
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


@pytest.fixture(params=MODES)
def make_pool(
    request: pytest.FixtureRequest, pool: PoolIds, clock: FakeClock
) -> Iterator[PoolMaker]:
    yield from pool_maker(request, pool, clock)


def secret_client(boto: Any, pool_id: str) -> tuple[str, str]:
    created = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="server-side", GenerateSecret=True, ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]
    return created["ClientId"], created["ClientSecret"]


def code_sent_to(endpoint: str, pool_id: str, destination: str) -> str:
    response = httpx.get(
        endpoint.rstrip("/") + "/_local/messages",
        params={"pool_id": pool_id, "destination": destination},
    )
    response.raise_for_status()
    found = response.json()["messages"]
    assert found, f"nothing was sent to {destination}"
    return str(found[0]["code"])


def test_every_secret_hash_operation(make_pool: PoolMaker, pool: PoolIds, boto: Any) -> None:
    client_id, secret = secret_client(boto, pool.user_pool_id)
    sdk = make_pool(client_id=client_id, client_secret=secret)

    def code() -> str:
        return code_sent_to(pool.endpoint, pool.user_pool_id, "ivy@example.com")

    user = sdk.sign_up("ivy", STRONG_PASSWORD, {"email": "ivy@example.com"}).user  # SignUp
    user.resend_confirmation_code()  # ResendConfirmationCode
    assert user.confirm_registration(code()) == "SUCCESS"  # ConfirmSignUp

    user.authenticate_user(AuthenticationDetails("ivy", STRONG_PASSWORD))  # SRP, both steps
    session = user.refresh_session()  # REFRESH_TOKEN_AUTH
    assert session.is_valid()

    assert user.forgot_password().delivery_medium == "EMAIL"  # ForgotPassword
    assert user.confirm_password(code(), NEW_PASSWORD) == "SUCCESS"  # ConfirmForgotPassword

    password_user = CognitoUser("ivy", sdk)
    password_user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    password_user.authenticate_user(AuthenticationDetails("ivy", NEW_PASSWORD))
    session = password_user.get_session()
    password_user.sign_out(revoke=True)  # RevokeToken with ClientSecret
    with pytest.raises(errors.NotAuthorizedException):
        CognitoUser("ivy", sdk).refresh_session(session.refresh_token)


def test_email_username_pool_hashes_over_user_id_for_srp(
    make_pool: PoolMaker, boto: Any, pool: PoolIds
) -> None:
    created = boto.create_user_pool(
        PoolName="by-email", UsernameAttributes=["email"], AutoVerifiedAttributes=["email"]
    )
    pool_id = created["UserPool"]["Id"]
    client_id, secret = secret_client(boto, pool_id)
    make_pool.ids = PoolIds(pool_id, client_id, pool.endpoint)
    sdk = make_pool(client_id=client_id, client_secret=secret)
    email = "kim@example.com"
    signed_up = sdk.sign_up(email, STRONG_PASSWORD, {"email": email})
    signed_up.user.confirm_registration(code_sent_to(pool.endpoint, pool_id, email))

    user = CognitoUser(email, sdk)
    session = user.authenticate_user(AuthenticationDetails(email, STRONG_PASSWORD))
    # USER_ID_FOR_SRP is the generated user name (the sub), not the email: the PASSWORD_VERIFIER
    # hash was over it, and storage keys use it.
    assert user.username != email
    assert user.username == session.access_token.payload["username"]  # type: ignore[union-attr]
    assert user.refresh_session(session.refresh_token).is_valid()  # type: ignore[union-attr]
    forgetful = CognitoUser(email, sdk)
    forgetful.forgot_password()
    forgetful.confirm_password(code_sent_to(pool.endpoint, pool_id, email), NEW_PASSWORD)
    CognitoUser(email, sdk).authenticate_user(AuthenticationDetails(email, NEW_PASSWORD))


def password_sign_in(user: CognitoUser) -> Any:
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    return user.authenticate_user(AuthenticationDetails(user.username, STRONG_PASSWORD))


Step = Callable[[CognitoUserPool], Any]
REFUSED_STEPS: dict[str, Step] = {
    "SignUp": lambda sdk: sdk.sign_up("zed", STRONG_PASSWORD, {"email": "zed@example.com"}),
    "ConfirmSignUp": lambda sdk: CognitoUser("ivy", sdk).confirm_registration("123456"),
    "ResendConfirmationCode": lambda sdk: CognitoUser("ivy", sdk).resend_confirmation_code(),
    "USER_SRP_AUTH": lambda sdk: CognitoUser("ivy", sdk).authenticate_user(
        AuthenticationDetails("ivy", STRONG_PASSWORD)
    ),
    "USER_PASSWORD_AUTH": lambda sdk: password_sign_in(CognitoUser("ivy", sdk)),
    "ForgotPassword": lambda sdk: CognitoUser("ivy", sdk).forgot_password(),
    "ConfirmForgotPassword": lambda sdk: CognitoUser("ivy", sdk).confirm_password(
        "123456", NEW_PASSWORD
    ),
}


@pytest.mark.parametrize("secret_kind", ["wrong", "missing"])
@pytest.mark.parametrize("operation", sorted(REFUSED_STEPS))
def test_wrong_or_missing_secret_is_refused(
    make_pool: PoolMaker, pool: PoolIds, boto: Any, operation: str, secret_kind: str
) -> None:
    client_id, secret = secret_client(boto, pool.user_pool_id)
    good = make_pool(client_id=client_id, client_secret=secret)
    good.sign_up("ivy", STRONG_PASSWORD, {"email": "ivy@example.com"})
    bad_secret = WRONG_SECRET if secret_kind == "wrong" else None
    bad = make_pool(client_id=client_id, client_secret=bad_secret)
    with pytest.raises(errors.NotAuthorizedException) as caught:
        REFUSED_STEPS[operation](bad)
    assert client_id in caught.value.message or "secret" in caught.value.message.lower()


def test_refresh_with_a_wrong_secret_is_refused(
    make_pool: PoolMaker, pool: PoolIds, boto: Any
) -> None:
    client_id, secret = secret_client(boto, pool.user_pool_id)
    sdk = make_pool(client_id=client_id, client_secret=secret)
    user = sdk.sign_up("ivy", STRONG_PASSWORD, {"email": "ivy@example.com"}).user
    user.confirm_registration(code_sent_to(pool.endpoint, pool.user_pool_id, "ivy@example.com"))
    session = user.authenticate_user(AuthenticationDetails("ivy", STRONG_PASSWORD))
    bad = make_pool(client_id=client_id, client_secret=WRONG_SECRET)
    with pytest.raises(errors.NotAuthorizedException):
        CognitoUser(user.username, bad).refresh_session(session.refresh_token)  # type: ignore[union-attr]


def test_revoke_with_a_wrong_secret_signs_out_locally_and_raises(
    make_pool: PoolMaker, pool: PoolIds, boto: Any
) -> None:
    client_id, secret = secret_client(boto, pool.user_pool_id)
    sdk = make_pool(client_id=client_id, client_secret=secret)
    user = sdk.sign_up("ivy", STRONG_PASSWORD, {"email": "ivy@example.com"}).user
    user.confirm_registration(code_sent_to(pool.endpoint, pool.user_pool_id, "ivy@example.com"))
    user.authenticate_user(AuthenticationDetails("ivy", STRONG_PASSWORD))
    session = user.get_session()
    bad = make_pool(client_id=client_id, client_secret=WRONG_SECRET)
    restored = CognitoUser(user.username, bad, sdk.storage)
    # Cognito answers a wrong client secret on RevokeToken with one of these two.
    with pytest.raises((errors.NotAuthorizedException, errors.UnauthorizedException)):
        restored.sign_out(revoke=True)
    assert sdk.get_current_user() is None  # signed out here anyway
    assert CognitoUser(user.username, sdk).refresh_session(session.refresh_token).is_valid()
