"""Answering the challenges a sign-in may end in: MFA codes, MFA choice and set-up, a new
password, custom challenges; plus CUSTOM_AUTH started without SRP.

Like :mod:`.auth`, every flow is a generator of calls (see :mod:`._driver`) that touches no
storage and no network, so the sync and async user classes share them. Each answer flow starts
from the :class:`~.auth.ChallengeStep` being answered (its ``Session`` and user name) and ends
in the next :data:`~.auth.AuthOutcome`: tokens, or another challenge.

What goes on the wire follows amazon-cognito-identity-js (``sendMFACode``,
``sendMFASelectionAnswer``, ``completeNewPasswordChallenge``, ``sendCustomChallengeAnswer``,
``associateSoftwareToken``, ``verifySoftwareToken``, ``initiateAuth``), with SECRET_HASH added
when the app client has a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._wire import Call
from ..errors import InvalidResponseError
from ._driver import Flow
from .auth import AuthContext, AuthOutcome, ChallengeStep, outcome

#: The ``ChallengeResponses`` key that carries the code, for each kind of one-time code.
_CODE_KEYS = {
    "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
    "EMAIL_OTP": "EMAIL_OTP_CODE",
    "SMS_OTP": "SMS_OTP_CODE",
}


@dataclass(frozen=True)
class SoftwareTokenSecret:
    """The answer of AssociateSoftwareToken.

    Attributes:
        secret_code: the base32 TOTP secret to load into an authenticator app.
        session: the new ``Session`` to verify with (``None`` when signed in with a token).
    """

    secret_code: str = field(repr=False)
    session: str | None = field(default=None, repr=False)


def respond(
    ctx: AuthContext,
    step: ChallengeStep,
    challenge_name: str,
    responses: Mapping[str, str | None],
    *,
    client_metadata: Mapping[str, str] | None = None,
) -> Flow[AuthOutcome]:
    """Send one RespondToAuthChallenge for ``step`` and return what comes next.

    ``USERNAME`` (the step's user name) and ``SECRET_HASH`` are added to ``responses``.
    """
    reply = yield respond_call(ctx, step, challenge_name, responses, client_metadata)
    return outcome(ctx, reply, step.username)


def respond_call(
    ctx: AuthContext,
    step: ChallengeStep,
    challenge_name: str,
    responses: Mapping[str, str | None],
    client_metadata: Mapping[str, str] | None = None,
) -> Call:
    """The RespondToAuthChallenge call answering ``step`` with ``responses``."""
    answers = {
        "USERNAME": step.username,
        **responses,
        "SECRET_HASH": ctx.secret_hash(step.username),
    }
    payload = {
        "ChallengeName": challenge_name,
        "ClientId": ctx.client_id,
        "ChallengeResponses": answers,
        "Session": step.session,
        "ClientMetadata": client_metadata,
    }
    return Call("RespondToAuthChallenge", payload)


def mfa_code_responses(mfa_type: str, code: str) -> dict[str, str | None]:
    """The responses carrying an MFA code, as JS ``sendMFACode`` sends them.

    ``SMS_MFA_CODE`` goes with SMS and TOTP codes (JS sends it for both, and Cognito accepts
    it), plus the key of the code's own kind (``SOFTWARE_TOKEN_MFA_CODE``, ``EMAIL_OTP_CODE``).
    """
    responses: dict[str, str | None] = {_CODE_KEYS.get(mfa_type, "SMS_MFA_CODE"): code}
    if mfa_type in ("SMS_MFA", "SOFTWARE_TOKEN_MFA"):
        responses["SMS_MFA_CODE"] = code
    return responses


def mfa_code(
    ctx: AuthContext,
    step: ChallengeStep,
    code: str,
    mfa_type: str = "SMS_MFA",
    *,
    client_metadata: Mapping[str, str] | None = None,
    device_key: str | None = None,
) -> Flow[AuthOutcome]:
    """Answer ``SMS_MFA``, ``SOFTWARE_TOKEN_MFA`` or ``EMAIL_OTP`` with the code the user got."""
    responses = {**mfa_code_responses(mfa_type, code), "DEVICE_KEY": device_key}
    return respond(ctx, step, mfa_type, responses, client_metadata=client_metadata)


def select_mfa_type(ctx: AuthContext, step: ChallengeStep, answer: str) -> Flow[AuthOutcome]:
    """Answer ``SELECT_MFA_TYPE`` with ``SMS_MFA``, ``SOFTWARE_TOKEN_MFA`` or ``EMAIL_OTP``.

    As in JS, no ClientMetadata is sent with this answer.
    """
    return respond(ctx, step, "SELECT_MFA_TYPE", {"ANSWER": answer})


def new_password(
    ctx: AuthContext,
    step: ChallengeStep,
    password: str,
    attributes: Mapping[str, str] | None = None,
    *,
    client_metadata: Mapping[str, str] | None = None,
) -> Flow[AuthOutcome]:
    """Answer ``NEW_PASSWORD_REQUIRED``: the new password and ``userAttributes.<name>`` values.

    Raises:
        ValueError: ``'New password is required.'`` (before anything is sent).
    """
    if not password:
        raise ValueError("New password is required.")
    responses: dict[str, str | None] = {
        f"userAttributes.{name}": value for name, value in (attributes or {}).items()
    }
    responses["NEW_PASSWORD"] = password
    return respond(ctx, step, "NEW_PASSWORD_REQUIRED", responses, client_metadata=client_metadata)


def custom_answer(
    ctx: AuthContext,
    step: ChallengeStep,
    answer: str,
    *,
    client_metadata: Mapping[str, str] | None = None,
    device_key: str | None = None,
) -> Flow[AuthOutcome]:
    """Answer ``CUSTOM_CHALLENGE`` (the Verify Auth Challenge trigger judges ``ANSWER``)."""
    responses = {"ANSWER": answer, "DEVICE_KEY": device_key}
    return respond(ctx, step, "CUSTOM_CHALLENGE", responses, client_metadata=client_metadata)


def custom_auth(
    ctx: AuthContext,
    username: str,
    auth_parameters: Mapping[str, str] | None = None,
    *,
    client_metadata: Mapping[str, str] | None = None,
) -> Flow[AuthOutcome]:
    """Start CUSTOM_AUTH without SRP (JS ``initiateAuth``): InitiateAuth only.

    ``auth_parameters`` go first, then ``USERNAME`` (and SECRET_HASH), as JS spreads them.
    """
    parameters = {
        **(auth_parameters or {}),
        "USERNAME": username,
        "SECRET_HASH": ctx.secret_hash(username),
    }
    payload = {
        "AuthFlow": "CUSTOM_AUTH",
        "ClientId": ctx.client_id,
        "AuthParameters": parameters,
        "ClientMetadata": client_metadata,
    }
    answer = yield Call("InitiateAuth", payload)
    return outcome(ctx, answer, username)


def associate_software_token(
    *, session: str | None = None, access_token: str | None = None
) -> Flow[SoftwareTokenSecret]:
    """AssociateSoftwareToken with the ``MFA_SETUP`` challenge's session or an access token.

    Raises:
        InvalidResponseError: the answer has no ``SecretCode``.
    """
    answer = yield Call("AssociateSoftwareToken", {"Session": session, "AccessToken": access_token})
    secret = answer.get("SecretCode")
    if not isinstance(secret, str) or not secret:
        raise InvalidResponseError("AssociateSoftwareToken answered without a SecretCode")
    return SoftwareTokenSecret(secret, answer.get("Session"))


def verify_software_token_setup(
    ctx: AuthContext, step: ChallengeStep, code: str, friendly_device_name: str | None = None
) -> Flow[AuthOutcome]:
    """Finish ``MFA_SETUP``: VerifySoftwareToken with the session, then answer MFA_SETUP.

    ``step.session`` must be the session AssociateSoftwareToken returned.
    """
    verified = yield verify_software_token_call(code, friendly_device_name, session=step.session)
    after = ChallengeStep(
        step.challenge_name, step.parameters, _session(verified, step), step.username
    )
    return (yield from respond(ctx, after, "MFA_SETUP", {}))


def verify_software_token_call(
    code: str,
    friendly_device_name: str | None = None,
    *,
    session: str | None = None,
    access_token: str | None = None,
) -> Call:
    """The VerifySoftwareToken call, with a challenge session or an access token."""
    payload = {
        "Session": session,
        "AccessToken": access_token,
        "UserCode": code,
        "FriendlyDeviceName": friendly_device_name,
    }
    return Call("VerifySoftwareToken", payload)


def _session(answer: Mapping[str, Any], step: ChallengeStep) -> str | None:
    """The answer's new ``Session``, else the one we had (it may be reused)."""
    session = answer.get("Session")
    return session if isinstance(session, str) and session else step.session
