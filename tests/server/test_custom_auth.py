"""CUSTOM_AUTH driven by Python triggers (tests/server/custom_auth_triggers.py), over boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from cognito_identity.server.domain.triggers import import_path

from ..conftest import STRONG_PASSWORD, PoolIds
from . import custom_auth_triggers
from .helpers import confirmed_user, error_of, srp_responses
from .mfa_helpers import respond

ARN = "arn:aws:lambda:us-east-1:000000000000:function:tests.server.custom_auth_triggers."
TRIGGERS = {
    "DefineAuthChallenge": ARN + "define",
    "CreateAuthChallenge": ARN + "create",
    "VerifyAuthChallengeResponse": ARN + "verify",
}


def _pool(boto: Any, live_server: Any, flows: list[str] | None = None, **lambdas: str) -> PoolIds:
    config = {**TRIGGERS, **lambdas}
    pool_id = boto.create_user_pool(
        PoolName="custom", AutoVerifiedAttributes=["email"], LambdaConfig=config
    )["UserPool"]["Id"]
    client_id = boto.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="c",
        ExplicitAuthFlows=flows or ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    return PoolIds(pool_id, client_id, live_server.endpoint)


@pytest.fixture
def custom_pool(boto: Any, live_server: Any) -> PoolIds:
    custom_auth_triggers.EVENTS.clear()
    pool = _pool(boto, live_server, ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH"])
    confirmed_user(boto, pool, "alice")
    return pool


def _start(boto: Any, pool: PoolIds, **params: str) -> Any:
    return boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={"USERNAME": "alice", **params},
        ClientMetadata={"source": "test"},
    )


def _answer(boto: Any, pool: PoolIds, session: str, answer: str) -> Any:
    return respond(boto, pool, "CUSTOM_CHALLENGE", session, USERNAME="alice", ANSWER=answer)


def test_two_questions_then_tokens(boto: Any, custom_pool: PoolIds) -> None:
    first = _start(boto, custom_pool)
    assert first["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert first["ChallengeParameters"] == {
        "question": "What is the capital of France?",
        "USERNAME": "alice",
    }
    second = _answer(boto, custom_pool, first["Session"], "Paris")
    assert second["ChallengeParameters"]["question"] == "What is 2 + 2?"
    with pytest.raises(ClientError) as excinfo:  # a step's Session is single use
        _answer(boto, custom_pool, first["Session"], "Paris")
    assert error_of(excinfo)[0] == "NotAuthorizedException"
    result = _answer(boto, custom_pool, second["Session"], "4")
    assert "AccessToken" in result["AuthenticationResult"]


def test_wrong_answer_fails_authentication(boto: Any, custom_pool: PoolIds) -> None:
    first = _start(boto, custom_pool)
    with pytest.raises(ClientError) as excinfo:
        _answer(boto, custom_pool, first["Session"], "Lyon")
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_events_have_cognito_shapes(boto: Any, custom_pool: PoolIds) -> None:
    first = _start(boto, custom_pool)
    _answer(boto, custom_pool, first["Session"], "paris")
    define, create, verify, define_again = custom_auth_triggers.EVENTS[:4]
    assert define["triggerSource"] == "DefineAuthChallenge_Authentication"
    assert define["version"] == "1" and define["region"] == "us-east-1"
    assert define["userPoolId"] == custom_pool.user_pool_id and define["userName"] == "alice"
    assert define["callerContext"]["clientId"] == custom_pool.client_id
    assert define["request"]["session"] == [] and define["request"]["userNotFound"] is False
    assert define["request"]["clientMetadata"] == {"source": "test"}
    assert define["request"]["userAttributes"]["email"] == "alice@example.com"
    assert set(define["response"]) == {"challengeName", "issueTokens", "failAuthentication"}
    assert create["triggerSource"] == "CreateAuthChallenge_Authentication"
    assert create["request"]["challengeName"] == "CUSTOM_CHALLENGE"
    assert verify["triggerSource"] == "VerifyAuthChallengeResponse_Authentication"
    assert verify["request"]["privateChallengeParameters"] == {"answer": "paris"}
    assert verify["request"]["challengeAnswer"] == "paris"
    assert define_again["request"]["session"] == [
        {
            "challengeName": "CUSTOM_CHALLENGE",
            "challengeResult": True,
            "challengeMetadata": "QUESTION-1",
        }
    ]


def test_custom_auth_with_srp_first(boto: Any, custom_pool: PoolIds) -> None:
    from cognito_identity.protocol.srp import PRIVATE_VALUE_BYTES, SrpClient

    client = SrpClient.from_random_bytes(b"\x07" * PRIVATE_VALUE_BYTES)
    challenge = _start(boto, custom_pool, SRP_A=client.srp_a, CHALLENGE_NAME="SRP_A")
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp_responses(custom_pool, client, challenge, STRONG_PASSWORD)
    question = respond(boto, custom_pool, "PASSWORD_VERIFIER", challenge["Session"], **responses)
    assert question["ChallengeName"] == "CUSTOM_CHALLENGE"
    second = _answer(boto, custom_pool, question["Session"], "paris")
    assert (
        "AccessToken" in _answer(boto, custom_pool, second["Session"], "4")["AuthenticationResult"]
    )
    sessions = [
        e["request"]["session"]
        for e in custom_auth_triggers.EVENTS
        if "issueTokens" in e["response"]
    ]
    assert [s["challengeName"] for s in sessions[1]] == ["SRP_A", "PASSWORD_VERIFIER"]


def test_custom_auth_with_srp_and_a_wrong_password(boto: Any, custom_pool: PoolIds) -> None:
    from cognito_identity.protocol.srp import PRIVATE_VALUE_BYTES, SrpClient

    client = SrpClient.from_random_bytes(b"\x09" * PRIVATE_VALUE_BYTES)
    challenge = _start(boto, custom_pool, SRP_A=client.srp_a, CHALLENGE_NAME="SRP_A")
    responses = srp_responses(custom_pool, client, challenge, "Wr0ng-Password!")
    with pytest.raises(ClientError) as excinfo:
        respond(boto, custom_pool, "PASSWORD_VERIFIER", challenge["Session"], **responses)
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_a_trigger_that_raises(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, DefineAuthChallenge=ARN + "broken")
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        _start(boto, pool)
    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "DefineAuthChallenge failed with error no entry today.",
    )


@pytest.mark.parametrize(
    ("arn", "code"),
    [
        (ARN + "not_an_event", "InvalidLambdaResponseException"),
        (ARN + "missing_function", "UnexpectedLambdaException"),
        (
            "arn:aws:lambda:us-east-1:000000000000:function:no.such.module",
            "UnexpectedLambdaException",
        ),
    ],
)
def test_broken_trigger_configurations(boto: Any, live_server: Any, arn: str, code: str) -> None:
    pool = _pool(boto, live_server, DefineAuthChallenge=arn)
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        _start(boto, pool)
    assert error_of(excinfo)[0] == code


def test_client_must_allow_custom_auth(boto: Any, live_server: Any) -> None:
    pool = _pool(boto, live_server, ["ALLOW_USER_SRP_AUTH"])
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        _start(boto, pool)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "CUSTOM_AUTH flow not enabled for this client",
    )


def test_pool_without_triggers(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as excinfo:
        _start(boto, pool)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Custom auth lambda trigger is not configured for the user pool.",
    )


def test_import_path_forms() -> None:
    prefix = "arn:aws:lambda:eu-west-1:123456789012:function:"
    assert import_path(prefix + "pkg.mod.fn") == ("pkg.mod", "fn")
    assert import_path(prefix + "pkg.mod:fn") == ("pkg.mod", "fn")
    for bad in ("arn:aws:iam::1:role/x", prefix + "nodots"):
        with pytest.raises(ValueError):
            import_path(bad)
