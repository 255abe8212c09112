"""The sans-I/O flows, driven by a scripted sender; SRP is checked with the server-side maths."""

import base64
from collections.abc import Generator
from typing import Any

import pytest

from cognito_identity import CognitoRefreshToken, errors
from cognito_identity._flows import (
    AuthContext,
    Authenticated,
    ChallengeStep,
    password_login,
    refresh_session,
    run_async,
    run_sync,
    srp_login,
)
from cognito_identity._wire import Call
from cognito_identity.protocol import srp
from cognito_identity.protocol.secret_hash import secret_hash
from cognito_identity.protocol.timestamp import parse_timestamp

from .helpers import ScriptedSender, auth_result

NOW = 1_754_377_389.0  # Tue Aug 5 07:03:09 UTC 2025
POOL_NAME = "AbC123"
USER_ID = "7f1e-sub"
PASSWORD = "Corr3ct-Horse!"
SALT = 0x5EED5EED
SECRET_BLOCK = base64.b64encode(b"secret block from the pool").decode()


def context(secret: str | None = None) -> AuthContext:
    return AuthContext(
        "client1", POOL_NAME, secret, clock=lambda: NOW, random_bytes=lambda n: b"\x07" * n
    )


class FakeSrpServer:
    """The pool's half of SRP for one user, with the protocol package's server functions."""

    def __init__(self, password: str = PASSWORD) -> None:
        self.verifier = srp.compute_verifier(SALT, POOL_NAME, USER_ID, password)
        self.small_b = 0xB0B
        self.big_b = srp.server_public_b(self.verifier, self.small_b)
        self.big_a = 0

    def challenge(self, call: Call) -> dict[str, Any]:
        self.big_a = int(call.payload["AuthParameters"]["SRP_A"], 16)
        parameters = {
            "USER_ID_FOR_SRP": USER_ID,
            "SRP_B": format(self.big_b, "x"),
            "SALT": format(SALT, "x"),
            "SECRET_BLOCK": SECRET_BLOCK,
        }
        return {
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeParameters": parameters,
            "Session": "s1",
        }

    def verify(self, call: Call) -> dict[str, Any]:
        responses = call.payload["ChallengeResponses"]
        key = srp.server_session_key(self.big_a, self.big_b, self.small_b, self.verifier)
        ok = srp.verify_password_claim(
            key,
            POOL_NAME,
            responses["USERNAME"],
            responses["PASSWORD_CLAIM_SECRET_BLOCK"],
            responses["TIMESTAMP"],
            responses["PASSWORD_CLAIM_SIGNATURE"],
        )
        if not ok:
            raise errors.NotAuthorizedException("Incorrect username or password.")
        return {"AuthenticationResult": auth_result(NOW)}


def test_srp_login_signs_a_claim_the_pool_accepts() -> None:
    server = FakeSrpServer()
    sender = ScriptedSender(server.challenge, server.verify)
    flow = srp_login(context(), "alice@example.com", PASSWORD, client_metadata={"k": "v"})
    outcome = run_sync(flow, sender)
    assert isinstance(outcome, Authenticated)
    assert outcome.username == USER_ID
    assert outcome.session.clock_drift == 0
    initiate, respond = sender.calls
    assert initiate.operation == "InitiateAuth"
    assert initiate.payload["AuthFlow"] == "USER_SRP_AUTH"
    assert initiate.payload["ClientMetadata"] == {"k": "v"}
    parameters = {k: v for k, v in initiate.payload["AuthParameters"].items() if v is not None}
    assert set(parameters) == {"USERNAME", "SRP_A"}
    assert parameters["USERNAME"] == "alice@example.com"
    assert respond.payload["ChallengeName"] == "PASSWORD_VERIFIER"
    assert respond.payload["Session"] == "s1"
    assert respond.payload["ClientMetadata"] == {"k": "v"}
    responses = respond.payload["ChallengeResponses"]
    assert responses["USERNAME"] == USER_ID
    assert responses["PASSWORD_CLAIM_SECRET_BLOCK"] == SECRET_BLOCK
    assert parse_timestamp(responses["TIMESTAMP"]) == NOW
    assert responses["SECRET_HASH"] is None


def test_srp_login_with_a_wrong_password_is_refused() -> None:
    server = FakeSrpServer(password="another")
    with pytest.raises(errors.NotAuthorizedException):
        run_sync(
            srp_login(context(), "alice", PASSWORD), ScriptedSender(server.challenge, server.verify)
        )


def test_srp_secret_hash_uses_the_typed_name_then_user_id_for_srp() -> None:
    server = FakeSrpServer()
    sender = ScriptedSender(server.challenge, server.verify)
    run_sync(srp_login(context("s3cret"), "alice@example.com", PASSWORD), sender)
    initiate, respond = sender.calls
    expected_first = secret_hash("alice@example.com", "client1", "s3cret")
    assert initiate.payload["AuthParameters"]["SECRET_HASH"] == expected_first
    expected_second = secret_hash(USER_ID, "client1", "s3cret")
    assert respond.payload["ChallengeResponses"]["SECRET_HASH"] == expected_second


def test_srp_sends_the_device_key_known_for_each_name() -> None:
    server = FakeSrpServer()
    sender = ScriptedSender(server.challenge, server.verify)
    devices = {USER_ID: "us-east-1_dev"}
    run_sync(srp_login(context(), "alice", PASSWORD, device_key=devices.get), sender)
    assert sender.calls[0].payload["AuthParameters"]["DEVICE_KEY"] is None
    assert sender.calls[1].payload["ChallengeResponses"]["DEVICE_KEY"] == "us-east-1_dev"


def test_custom_auth_starts_with_srp_and_may_end_in_a_challenge() -> None:
    answer = {
        "ChallengeName": "CUSTOM_CHALLENGE",
        "ChallengeParameters": {"q": "?"},
        "Session": "s",
    }
    sender = ScriptedSender(lambda call: answer)
    outcome = run_sync(srp_login(context(), "alice", None, flow_type="CUSTOM_AUTH"), sender)
    assert outcome == ChallengeStep("CUSTOM_CHALLENGE", {"q": "?"}, "s", "alice")
    assert sender.calls[0].payload["AuthParameters"]["CHALLENGE_NAME"] == "SRP_A"


def test_a_challenge_after_the_verifier_is_returned_not_raised() -> None:
    server = FakeSrpServer()
    mfa = {"ChallengeName": "SMS_MFA", "ChallengeParameters": {}, "Session": "s2"}
    sender = ScriptedSender(server.challenge, lambda call: mfa)
    outcome = run_sync(srp_login(context(), "alice", PASSWORD), sender)
    assert isinstance(outcome, ChallengeStep)
    assert (outcome.challenge_name, outcome.session, outcome.username) == ("SMS_MFA", "s2", USER_ID)
    assert "s2" not in repr(outcome)


def test_a_challenge_without_srp_parameters_is_an_invalid_response() -> None:
    answer = {"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"SRP_B": "ab"}}
    with pytest.raises(errors.InvalidResponseError, match="USER_ID_FOR_SRP"):
        run_sync(srp_login(context(), "alice", PASSWORD), ScriptedSender(lambda call: answer))


def test_a_zero_b_is_refused() -> None:
    parameters = {
        "USER_ID_FOR_SRP": "u",
        "SRP_B": format(srp.N, "x"),
        "SALT": "01",
        "SECRET_BLOCK": "AA==",
    }
    answer = {"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": parameters}
    with pytest.raises(errors.InvalidResponseError, match="B cannot be zero"):
        run_sync(srp_login(context(), "alice", PASSWORD), ScriptedSender(lambda call: answer))


def test_no_tokens_and_no_challenge_is_an_invalid_response() -> None:
    with pytest.raises(errors.InvalidResponseError):
        run_sync(password_login(context(), "alice", PASSWORD), ScriptedSender(lambda call: {}))


def test_password_login_request() -> None:
    sender = ScriptedSender(lambda call: {"AuthenticationResult": auth_result(NOW)})
    outcome = run_sync(password_login(context("s3cret"), "alice", PASSWORD), sender)
    assert isinstance(outcome, Authenticated)
    assert outcome.username == "alice"
    payload = sender.calls[0].payload
    assert payload["AuthFlow"] == "USER_PASSWORD_AUTH"
    assert payload["AuthParameters"]["PASSWORD"] == PASSWORD
    assert payload["AuthParameters"]["SECRET_HASH"] == secret_hash("alice", "client1", "s3cret")


def test_refresh_keeps_the_old_refresh_token() -> None:
    sender = ScriptedSender(lambda call: {"AuthenticationResult": auth_result(NOW, refresh=None)})
    old = CognitoRefreshToken("old-refresh")
    flow = refresh_session(context("s3cret"), old, username="real-sub", device_key="dev")
    session = run_sync(flow, sender)
    assert session.refresh_token == old
    parameters = sender.calls[0].payload["AuthParameters"]
    assert sender.calls[0].payload["AuthFlow"] == "REFRESH_TOKEN_AUTH"
    assert parameters["REFRESH_TOKEN"] == "old-refresh"
    assert parameters["DEVICE_KEY"] == "dev"
    assert parameters["SECRET_HASH"] == secret_hash("real-sub", "client1", "s3cret")


def test_errors_are_thrown_into_the_flow_which_may_recover() -> None:
    def recovering() -> Generator[Call, dict[str, Any], str]:
        try:
            yield Call("First", {})
        except errors.ResourceNotFoundException:
            answer = yield Call("Second", {})
            return str(answer["ok"])
        return "unreachable"

    def fail(call: Call) -> dict[str, Any]:
        raise errors.ResourceNotFoundException("Device does not exist.")

    sender = ScriptedSender(fail, lambda call: {"ok": "yes"})
    assert run_sync(recovering(), sender) == "yes"
    assert [call.operation for call in sender.calls] == ["First", "Second"]


class AsyncScriptedSender:
    def __init__(self, sender: ScriptedSender) -> None:
        self.sender = sender

    async def send(self, call: Call) -> dict[str, Any]:
        return self.sender.send(call)


@pytest.mark.anyio
async def test_the_async_driver_runs_the_same_flow() -> None:
    server = FakeSrpServer()
    sender = ScriptedSender(server.challenge, server.verify)
    outcome = await run_async(srp_login(context(), "alice", PASSWORD), AsyncScriptedSender(sender))
    assert isinstance(outcome, Authenticated)
    assert [call.operation for call in sender.calls] == ["InitiateAuth", "RespondToAuthChallenge"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
