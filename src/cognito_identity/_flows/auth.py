"""Sign-in flows: USER_SRP_AUTH (and CUSTOM_AUTH starting with SRP), USER_PASSWORD_AUTH, refresh.

Each flow is a generator (see :mod:`._driver`). It touches no storage and no network, so the
user classes decide what to cache, and the sync and async classes share every step.

A sign-in ends in an :data:`AuthOutcome`: :class:`Authenticated` with the new session, or a
:class:`ChallengeStep` the pool asks the user to answer (MFA, new password, custom challenge).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from .._wire import Call
from ..errors import InvalidResponseError
from ..protocol.secret_hash import secret_hash
from ..protocol.srp import PRIVATE_VALUE_BYTES, SrpClient, SrpError, password_claim_signature
from ..protocol.timestamp import format_timestamp
from ..tokens import Clock, CognitoRefreshToken, CognitoUserSession
from ._driver import Flow

_SRP_CHALLENGE_KEYS = ("USER_ID_FOR_SRP", "SRP_B", "SALT", "SECRET_BLOCK")


@dataclass(frozen=True)
class AuthContext:
    """What every flow needs to know about the pool and its app client.

    Attributes:
        client_id: the app client id.
        pool_name: the part of the pool id after ``_`` (an input of the SRP maths).
        client_secret: the app client's secret, if it has one (adds SECRET_HASH everywhere).
        clock: seconds since the epoch (SRP timestamp, clock drift).
        random_bytes: secure randomness for the SRP private value.
    """

    client_id: str
    pool_name: str
    client_secret: str | None = field(default=None, repr=False)
    clock: Clock = field(default=time.time, repr=False)
    random_bytes: Callable[[int], bytes] = field(default=os.urandom, repr=False)

    def secret_hash(self, username: str) -> str | None:
        """SECRET_HASH for ``username``, or ``None`` when the client has no secret."""
        if self.client_secret is None:
            return None
        return secret_hash(username, self.client_id, self.client_secret)


@dataclass(frozen=True)
class Authenticated:
    """The sign-in succeeded.

    Attributes:
        session: the new tokens.
        username: the name the pool knows the user by (after SRP: ``USER_ID_FOR_SRP``).
        new_device_metadata: ``NewDeviceMetadata`` when the pool tracks devices.
    """

    session: CognitoUserSession
    username: str
    new_device_metadata: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class ChallengeStep:
    """The pool wants another answer before it issues tokens.

    Attributes:
        challenge_name: ``SMS_MFA``, ``NEW_PASSWORD_REQUIRED``, ``CUSTOM_CHALLENGE``...
        parameters: the ``ChallengeParameters`` sent with it.
        session: the opaque ``Session`` to send back with the answer.
        username: the name to answer as.
    """

    challenge_name: str
    parameters: Mapping[str, str]
    session: str | None = field(repr=False)
    username: str


AuthOutcome: TypeAlias = Authenticated | ChallengeStep
DeviceKeyLookup = Callable[[str], str | None]


def _no_device(username: str) -> str | None:
    return None


def srp_login(
    ctx: AuthContext,
    username: str,
    password: str | None,
    *,
    flow_type: str = "USER_SRP_AUTH",
    client_metadata: Mapping[str, str] | None = None,
    device_key: DeviceKeyLookup = _no_device,
) -> Flow[AuthOutcome]:
    """Sign in with SRP: InitiateAuth, then RespondToAuthChallenge(PASSWORD_VERIFIER).

    ``flow_type`` is ``USER_SRP_AUTH`` or ``CUSTOM_AUTH`` (which starts with SRP and may go on
    with custom challenges). ``device_key`` looks up a remembered device for a user name.

    Raises:
        ValueError: the pool asks for the password verifier and no password was given.
        InvalidResponseError: the challenge lacks SRP_B/SALT/SECRET_BLOCK or holds bad values.
    """
    # A is computed before the first request so a slow modexp never sits inside a Cognito session.
    srp = SrpClient.from_random_bytes(ctx.random_bytes(PRIVATE_VALUE_BYTES))
    parameters = {
        "USERNAME": username,
        "SRP_A": srp.srp_a,
        "SECRET_HASH": ctx.secret_hash(username),
        "DEVICE_KEY": device_key(username),
        "CHALLENGE_NAME": "SRP_A" if flow_type == "CUSTOM_AUTH" else None,
    }
    answer = yield _initiate(ctx, flow_type, parameters, client_metadata)
    if answer.get("ChallengeName") != "PASSWORD_VERIFIER":
        return outcome(ctx, answer, username)
    if password is None:
        raise ValueError("PASSWORD parameter is required")
    challenge = _challenge_parameters(answer, _SRP_CHALLENGE_KEYS)
    user_id = challenge["USER_ID_FOR_SRP"]
    responses = _verifier_responses(ctx, srp, challenge, password)
    responses["DEVICE_KEY"] = device_key(user_id)
    reply = yield _respond(ctx, "PASSWORD_VERIFIER", responses, answer, client_metadata)
    return outcome(ctx, reply, user_id)


def password_login(
    ctx: AuthContext,
    username: str,
    password: str,
    *,
    client_metadata: Mapping[str, str] | None = None,
    device_key: DeviceKeyLookup = _no_device,
) -> Flow[AuthOutcome]:
    """Sign in with USER_PASSWORD_AUTH: one InitiateAuth carrying the password (over TLS)."""
    parameters = {
        "USERNAME": username,
        "PASSWORD": password,
        "SECRET_HASH": ctx.secret_hash(username),
        "DEVICE_KEY": device_key(username),
    }
    answer = yield _initiate(ctx, "USER_PASSWORD_AUTH", parameters, client_metadata)
    return outcome(ctx, answer, username)


def refresh_session(
    ctx: AuthContext,
    refresh_token: CognitoRefreshToken,
    *,
    username: str,
    device_key: str | None = None,
    client_metadata: Mapping[str, str] | None = None,
) -> Flow[CognitoUserSession]:
    """New tokens from a refresh token (REFRESH_TOKEN_AUTH).

    ``username`` is only used for SECRET_HASH and must be the user's real user name or sub
    (the access token's ``username`` claim), never an alias. The old refresh token is kept when
    the pool does not send a new one.
    """
    parameters = {
        "REFRESH_TOKEN": refresh_token.token,
        "SECRET_HASH": ctx.secret_hash(username),
        "DEVICE_KEY": device_key,
    }
    answer = yield _initiate(ctx, "REFRESH_TOKEN_AUTH", parameters, client_metadata)
    result = _authentication_result(answer)
    return CognitoUserSession.from_authentication_result(
        result, clock=ctx.clock, fallback_refresh_token=refresh_token
    )


def outcome(ctx: AuthContext, answer: Mapping[str, Any], username: str) -> AuthOutcome:
    """The :data:`AuthOutcome` of an InitiateAuth or RespondToAuthChallenge answer."""
    name = answer.get("ChallengeName")
    if name:
        parameters = answer.get("ChallengeParameters") or {}
        return ChallengeStep(str(name), dict(parameters), answer.get("Session"), username)
    result = _authentication_result(answer)
    session = CognitoUserSession.from_authentication_result(result, clock=ctx.clock)
    return Authenticated(session, username, result.get("NewDeviceMetadata"))


def _initiate(
    ctx: AuthContext,
    flow_type: str,
    parameters: Mapping[str, str | None],
    client_metadata: Mapping[str, str] | None,
) -> Call:
    payload = {
        "AuthFlow": flow_type,
        "ClientId": ctx.client_id,
        "AuthParameters": parameters,
        "ClientMetadata": client_metadata,
    }
    return Call("InitiateAuth", payload)


def _respond(
    ctx: AuthContext,
    challenge_name: str,
    responses: Mapping[str, str | None],
    previous: Mapping[str, Any],
    client_metadata: Mapping[str, str] | None,
) -> Call:
    payload = {
        "ChallengeName": challenge_name,
        "ClientId": ctx.client_id,
        "ChallengeResponses": responses,
        "Session": previous.get("Session"),
        "ClientMetadata": client_metadata,
    }
    return Call("RespondToAuthChallenge", payload)


def _verifier_responses(
    ctx: AuthContext, srp: SrpClient, challenge: Mapping[str, str], password: str
) -> dict[str, str | None]:
    user_id = challenge["USER_ID_FOR_SRP"]
    secret_block = challenge["SECRET_BLOCK"]
    timestamp = format_timestamp(ctx.clock())
    key = _session_key(ctx, srp, challenge, password)
    signature = password_claim_signature(key, ctx.pool_name, user_id, secret_block, timestamp)
    return {
        "USERNAME": user_id,
        "PASSWORD_CLAIM_SECRET_BLOCK": secret_block,
        "TIMESTAMP": timestamp,
        "PASSWORD_CLAIM_SIGNATURE": signature,
        # From the challenge on, the hash is over USER_ID_FOR_SRP, not what the user typed.
        "SECRET_HASH": ctx.secret_hash(user_id),
    }


def _session_key(
    ctx: AuthContext, srp: SrpClient, challenge: Mapping[str, str], password: str
) -> bytes:
    try:
        big_b = int(challenge["SRP_B"], 16)
        salt = int(challenge["SALT"], 16)
        user_id = challenge["USER_ID_FOR_SRP"]
        return srp.session_key(ctx.pool_name, user_id, password, big_b, salt)
    except (SrpError, ValueError) as exc:
        raise InvalidResponseError(f"The PASSWORD_VERIFIER challenge is unusable: {exc}") from exc


def _challenge_parameters(answer: Mapping[str, Any], required: tuple[str, ...]) -> dict[str, str]:
    parameters = answer.get("ChallengeParameters")
    if not isinstance(parameters, Mapping):
        parameters = {}
    missing = [name for name in required if not isinstance(parameters.get(name), str)]
    if missing:
        name = answer.get("ChallengeName")
        raise InvalidResponseError(f"Challenge {name} lacks parameters: {', '.join(missing)}")
    return {str(key): str(value) for key, value in parameters.items()}


def _authentication_result(answer: Mapping[str, Any]) -> Mapping[str, Any]:
    result = answer.get("AuthenticationResult")
    if not isinstance(result, Mapping) or not result.get("AccessToken"):
        raise InvalidResponseError("The answer has neither a challenge nor an AuthenticationResult")
    return result
