"""InitiateAuth and RespondToAuthChallenge over boto3: plain password, SRP, pycognito."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from botocore.exceptions import ClientError

from cognito_identity.protocol.srp import N_HEX
from cognito_identity.server.store.schema import users

from ..conftest import STRONG_PASSWORD, PoolIds, make_boto_client
from .helpers import (
    confirmed_user,
    error_of,
    password_login,
    sign_up,
    srp_answer,
    srp_login,
    srp_responses,
    srp_start,
)

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


WRONG = "Wr0ng-Password!"


def _failed_logins(live_server: Any, username: str) -> int:
    with live_server.engine.connect() as conn:
        query = sa.select(users.c.failed_logins).where(users.c.username_key == username)
        return int(conn.execute(query).scalar_one())


def test_password_auth_returns_tokens(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    result = password_login(boto, pool, "alice")
    assert set(result) == {"AccessToken", "ExpiresIn", "TokenType", "RefreshToken", "IdToken"}
    assert result["TokenType"] == "Bearer"
    assert result["ExpiresIn"] == 3600


def test_password_auth_wrong_password_counts_failures(
    boto: Any, pool: PoolIds, live_server: Any
) -> None:
    confirmed_user(boto, pool, "alice")
    for expected in (1, 2):
        with pytest.raises(ClientError) as excinfo:
            password_login(boto, pool, "alice", WRONG)
        assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")
        assert _failed_logins(live_server, "alice") == expected
    password_login(boto, pool, "ALICE")
    assert _failed_logins(live_server, "alice") == 0


def test_password_auth_unknown_user(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, pool, "nobody")
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_unconfirmed_user_is_told_only_after_the_right_password(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, pool, "alice", WRONG)
    assert error_of(excinfo)[0] == "NotAuthorizedException"
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, pool, "alice")
    assert error_of(excinfo) == ("UserNotConfirmedException", "User is not confirmed.")


def test_disallowed_flow_is_refused(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    client_id = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="srp-only",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    srp_only = PoolIds(pool.user_pool_id, client_id, pool.endpoint)
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, srp_only, "alice")
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    )
    assert "AccessToken" in srp_login(boto, srp_only, "alice")


def test_missing_auth_parameter(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        boto.initiate_auth(
            ClientId=pool.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice"},
        )
    assert error_of(excinfo) == ("InvalidParameterException", "Missing required parameter PASSWORD")


def test_srp_challenge_parameters(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _client, challenge = srp_start(boto, pool, "ALICE")
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    params = challenge["ChallengeParameters"]
    assert set(params) == {"SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"}
    assert params["USERNAME"] == params["USER_ID_FOR_SRP"] == "alice"
    assert challenge["Session"]
    int(params["SRP_B"], 16)
    int(params["SALT"], 16)


def test_srp_login_succeeds(boto: Any, pool: PoolIds, live_server: Any) -> None:
    confirmed_user(boto, pool, "alice")
    result = srp_login(boto, pool, "Alice")
    assert set(result) >= {"AccessToken", "IdToken", "RefreshToken"}
    assert _failed_logins(live_server, "alice") == 0


def test_srp_login_without_session_parameter(boto: Any, pool: PoolIds) -> None:
    # pycognito sends no Session: the SECRET_BLOCK alone must find the login.
    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    response = srp_answer(boto, pool, srp_responses(pool, client, challenge, STRONG_PASSWORD))
    assert "AccessToken" in response["AuthenticationResult"]


def test_srp_wrong_password(boto: Any, pool: PoolIds, live_server: Any) -> None:
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        srp_login(boto, pool, "alice", WRONG)
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")
    assert _failed_logins(live_server, "alice") == 1


@pytest.mark.parametrize("srp_a", [N_HEX, "0", "00" + N_HEX, "not-hex", "f" * 5000])
def test_srp_a_that_is_zero_mod_n_or_not_hex_is_refused(
    boto: Any, pool: PoolIds, srp_a: str
) -> None:
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        boto.initiate_auth(
            ClientId=pool.client_id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "alice", "SRP_A": srp_a},
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "SRP_A is not a valid SRP public value.",
    )


def test_srp_session_is_single_use(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    srp_answer(boto, pool, responses)
    with pytest.raises(ClientError) as excinfo:
        srp_answer(boto, pool, responses)
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )


def test_srp_session_is_spent_by_a_wrong_password(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    with pytest.raises(ClientError):
        srp_answer(boto, pool, srp_responses(pool, client, challenge, WRONG))
    with pytest.raises(ClientError) as excinfo:
        srp_answer(boto, pool, srp_responses(pool, client, challenge, STRONG_PASSWORD))
    assert error_of(excinfo)[1] == "Invalid session for the user, session is expired."


def test_srp_session_expires_after_three_minutes(boto: Any, pool: PoolIds, clock: Any) -> None:
    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    clock.advance(181)
    with pytest.raises(ClientError) as excinfo:
        srp_answer(boto, pool, srp_responses(pool, client, challenge, STRONG_PASSWORD))
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )


def test_srp_session_of_another_login_is_refused(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    _other_client, other = srp_start(boto, pool, "alice")
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    with pytest.raises(ClientError) as excinfo:
        srp_answer(boto, pool, responses, session=other["Session"])
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_srp_bad_timestamp(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    responses["TIMESTAMP"] = "yesterday"
    with pytest.raises(ClientError) as excinfo:
        srp_answer(boto, pool, responses)
    assert error_of(excinfo) == ("InvalidParameterException", "TIMESTAMP format is invalid.")


def test_srp_unconfirmed_user(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        srp_login(boto, pool, "alice")
    assert error_of(excinfo) == ("UserNotConfirmedException", "User is not confirmed.")


def test_srp_unknown_user(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        srp_start(boto, pool, "nobody")
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_srp_login_finishes_on_another_server_process(
    boto: Any, pool: PoolIds, server_config: Any
) -> None:
    from cognito_identity.server.embedded import EmbeddedServer

    confirmed_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    with EmbeddedServer(server_config) as second:
        other = make_boto_client(second.endpoint)
        answer = srp_answer(other, pool, responses, challenge["Session"])
    assert "AccessToken" in answer["AuthenticationResult"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pycognito calls datetime.utcnow()
def test_pycognito_srp_login(boto: Any, pool: PoolIds) -> None:
    from pycognito.aws_srp import AWSSRP

    confirmed_user(boto, pool, "alice")
    ok = AWSSRP("alice", STRONG_PASSWORD, pool.user_pool_id, pool.client_id, client=boto)
    assert "AccessToken" in ok.authenticate_user()["AuthenticationResult"]
    bad = AWSSRP("alice", WRONG, pool.user_pool_id, pool.client_id, client=boto)
    with pytest.raises(ClientError) as excinfo:
        bad.authenticate_user()
    assert error_of(excinfo)[0] == "NotAuthorizedException"
