"""The JS-style callback adapter: every handler, JS names, mappings, missing handlers, and the
errors that must not reach on_failure twice. Scripted sender; see test_challenges.py for the
callbacks against the local server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserSession, errors
from cognito_identity import callbacks as cb
from cognito_identity.callbacks import MissingCallbackError

from .test_challenges_unit import SMS, TOKENS, answer, challenge, fail, fake_user

DETAILS = AuthenticationDetails("bob", "pw")


class Recorder:
    """Handlers that record their calls: ``calls`` holds ``(name, args)``."""

    def __init__(self, *names: str) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        for name in ("on_success", "on_failure", *names):
            setattr(self, name, self._recorder(name))

    def _recorder(self, name: str) -> Any:
        return lambda *args: self.calls.append((name, args))

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


@pytest.mark.parametrize(
    ("handler", "script"),
    [
        ("mfa_required", SMS),
        ("totp_required", challenge("SOFTWARE_TOKEN_MFA")),
        ("email_otp_required", challenge("EMAIL_OTP")),
        ("select_mfa_type", challenge("SELECT_MFA_TYPE", MFAS_CAN_CHOOSE='["SMS_MFA"]')),
        ("mfa_setup", challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA"]')),
    ],
)
def test_each_mfa_challenge_calls_its_handler_with_name_and_parameters(
    handler: str, script: Any
) -> None:
    user, _ = fake_user(script)
    handlers = Recorder(handler)
    user.authenticate_user(DETAILS, callbacks=handlers)
    ((name, (challenge_name, parameters)),) = handlers.calls
    assert name == handler
    assert isinstance(challenge_name, str)
    assert isinstance(parameters, dict)


def test_new_password_required_gets_attributes_without_prefix() -> None:
    parameters = {
        "userAttributes": json.dumps({"email": "bob@example.com"}),
        "requiredAttributes": json.dumps(["userAttributes.name"]),
    }
    user, _ = fake_user(challenge("NEW_PASSWORD_REQUIRED", **parameters), TOKENS)
    handlers = Recorder("new_password_required")
    cb.authenticate_user(user, DETAILS, handlers)
    assert handlers.calls == [("new_password_required", ({"email": "bob@example.com"}, ["name"]))]
    cb.complete_new_password_challenge(user, "N3w-Passw0rd!", {"name": "Bob"}, handlers)
    assert handlers.names[-1] == "on_success"


def test_custom_challenge_then_answer_js_style() -> None:
    user, sender = fake_user(challenge("CUSTOM_CHALLENGE", q="6*7?"), TOKENS)
    seen: list[Any] = []

    class Handlers:
        def on_success(self, session: CognitoUserSession) -> None:
            seen.append(session)

        def on_failure(self, error: Exception) -> None:
            raise AssertionError(error)

        def custom_challenge(self, parameters: dict[str, str]) -> None:
            assert parameters == {"q": "6*7?"}
            cb.send_custom_challenge_answer(user, "42", self)

    cb.initiate_auth(user, AuthenticationDetails("bob"), Handlers())
    assert isinstance(seen[0], CognitoUserSession)
    assert sender.calls[1].payload["ChallengeResponses"]["ANSWER"] == "42"


def test_readme_use_case_27_select_then_totp_with_js_names() -> None:
    """README use case 27 written with the JS handler names in a mapping."""
    choose = challenge("SELECT_MFA_TYPE", MFAS_CAN_CHOOSE='["SMS_MFA","SOFTWARE_TOKEN_MFA"]')
    user, sender = fake_user(choose, challenge("SOFTWARE_TOKEN_MFA", session="s2"), TOKENS)
    results: list[Any] = []
    handlers: dict[str, Any] = {}
    handlers.update(
        onSuccess=results.append,
        onFailure=results.append,
        selectMFAType=lambda name, params: cb.send_mfa_selection_answer(
            user, "SOFTWARE_TOKEN_MFA", handlers
        ),
        totpRequired=lambda name, params: cb.send_mfa_code(
            user, "123456", handlers, "SOFTWARE_TOKEN_MFA"
        ),
    )
    user.authenticate_user(DETAILS, callbacks=handlers)
    assert len(results) == 1
    assert isinstance(results[0], CognitoUserSession)
    assert sender.calls[2].payload["ChallengeResponses"]["SOFTWARE_TOKEN_MFA_CODE"] == "123456"


def test_mfa_setup_associate_secret_code_then_verify() -> None:
    """README use case 27's mfaSetup / associateSecretCode pair."""
    user, _ = fake_user(
        challenge("MFA_SETUP"),
        answer({"SecretCode": "SECRET", "Session": "s2"}),
        answer({"Status": "SUCCESS", "Session": "s3"}),
        TOKENS,
    )
    handlers = Recorder("mfa_setup", "associate_secret_code")
    user.authenticate_user(DETAILS, callbacks=handlers)
    cb.associate_software_token(user, handlers)
    cb.verify_software_token(user, "123456", "My TOTP device", handlers)
    assert handlers.names == ["mfa_setup", "associate_secret_code", "on_success"]
    assert handlers.calls[1][1] == ("SECRET",)


def test_verify_software_token_when_signed_in_passes_the_raw_answer() -> None:
    user, _ = fake_user(TOKENS, answer({"Status": "SUCCESS"}))
    user.authenticate_user(DETAILS)
    handlers = Recorder()
    cb.verify_software_token(user, "123456", None, handlers)
    assert handlers.calls == [("on_success", ({"Status": "SUCCESS"},))]


def test_email_otp_falls_back_to_mfa_required() -> None:
    user, _ = fake_user(challenge("EMAIL_OTP"))
    handlers = Recorder("mfa_required")
    user.authenticate_user(DETAILS, callbacks=handlers)
    assert handlers.names == ["mfa_required"]


def test_a_missing_handler_reaches_on_failure_naming_it() -> None:
    user, _ = fake_user(SMS)
    handlers = Recorder()
    user.authenticate_user(DETAILS, callbacks=handlers)
    ((name, (error,)),) = handlers.calls
    assert name == "on_failure"
    assert isinstance(error, MissingCallbackError)
    assert error.handler == "mfa_required"
    assert error.challenge_name == "SMS_MFA"
    assert "'mfa_required'" in str(error) and "'mfaRequired'" in str(error)
    assert len(user.storage) == 0  # type: ignore[arg-type]


def test_without_on_failure_the_error_is_raised() -> None:
    user, _ = fake_user(fail(errors.NotAuthorizedException("Incorrect username or password.")))
    with pytest.raises(errors.NotAuthorizedException):
        user.authenticate_user(DETAILS, callbacks={"on_success": print})
    user2, _ = fake_user(SMS)
    with pytest.raises(MissingCallbackError, match="mfa_required"):
        cb.authenticate_user(user2, DETAILS, {"on_success": print})


def test_service_and_local_errors_go_to_on_failure() -> None:
    user, _ = fake_user(fail(errors.NotAuthorizedException("Incorrect username or password.")))
    handlers = Recorder()
    user.authenticate_user(DETAILS, callbacks=handlers)
    assert isinstance(handlers.calls[0][1][0], errors.NotAuthorizedException)
    empty = Recorder()
    user.authenticate_user(AuthenticationDetails("bob", ""), callbacks=empty)
    assert isinstance(empty.calls[0][1][0], ValueError)
    waiting = Recorder()
    cb.send_mfa_code(CognitoUser("x", user.pool), "1", waiting)
    assert isinstance(waiting.calls[0][1][0], errors.NotAuthenticatedError)


def test_an_error_raised_by_a_handler_is_not_passed_to_on_failure() -> None:
    """JS calls back twice (onSuccess throws, then onFailure): here the error propagates."""
    user, _ = fake_user(TOKENS)
    failures: list[Exception] = []

    def broken(session: CognitoUserSession) -> None:
        raise RuntimeError("bug in the app")

    with pytest.raises(RuntimeError, match="bug in the app"):
        user.authenticate_user(
            DETAILS, callbacks={"on_success": broken, "on_failure": failures.append}
        )
    assert failures == []
