"""The data of each challenge, shared by the sync and async challenge classes.

Each kind of challenge is one frozen dataclass here, generic in the user twin it came from:
its fields, how they are parsed from ``ChallengeParameters``, and any bookkeeping between two
answers. :mod:`cognito_identity.challenges` adds the answer methods: sync ones on
``SmsMfaChallenge``..., ``async`` ones on ``AsyncSmsMfaChallenge``..., each a single call into
the user's shared answer steps (:mod:`._user_challenges`).

A challenge can also be kept as plain data between two requests (or processes):
:meth:`BaseChallenge.to_state` gives a JSON-serializable dict, and
``user.resume_challenge(state)`` (:func:`step_from_state` checks it) rebuilds the typed challenge
on a new user object.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import quote

from ._flows.auth import ChallengeStep
from .errors import InvalidResponseError, UnsupportedChallengeError

if TYPE_CHECKING:
    from ._flows.challenges import SoftwareTokenSecret
    from ._user_base import BaseCognitoUser

#: The user twin a challenge came from (and answers through).
U = TypeVar("U", bound="BaseCognitoUser[Any]")
B = TypeVar("B", bound="BaseChallenge[Any]")


@dataclass(frozen=True)
class BaseChallenge(Generic[U]):
    """What every challenge has.

    Attributes:
        challenge_name: the wire name (``SMS_MFA``...).
        parameters: the ``ChallengeParameters`` as the pool sent them.
        username: the name the answer is sent as (after SRP, ``USER_ID_FOR_SRP``).
        session: the opaque challenge ``Session`` (hidden from ``repr``); an app that answers
            in another process can keep it, as the JS library keeps ``user.Session``.
    """

    challenge_name: str
    parameters: Mapping[str, str]
    username: str
    session: str | None = field(repr=False)
    _user: U = field(repr=False, compare=False)

    @property
    def _step(self) -> ChallengeStep:
        return ChallengeStep(self.challenge_name, self.parameters, self.session, self.username)

    def _current_step(self) -> ChallengeStep:
        """The step an answer sends now (``MFA_SETUP`` replaces its session on the way)."""
        return self._step

    def to_state(self) -> dict[str, Any]:
        """Everything needed to answer this challenge later, as a JSON-serializable dict.

        For a web app that answers in a later request, maybe in another process: keep the
        dict, then rebuild the challenge with ``user.resume_challenge(state)`` on a new
        :class:`~cognito_identity.CognitoUser` (or ``AsyncCognitoUser``) made with
        ``state["username"]``. The keys (format version ``"v": 1``):

        * ``challenge_name``, ``parameters`` (the ``ChallengeParameters``), ``username`` (the
          name the answer is sent as) and ``session``: the opaque Cognito ``Session``; for
          ``MFA_SETUP`` after :meth:`associate` it is the newer session ``verify`` needs.
        * ``auth_flow`` and ``device_name``: the user's sign-in flow and the name a device the
          answer registers gets (ConfirmDevice).

        No password and no tokens are in it. Remembered-device keys are not either: as in the
        JS library, an answer reads them from the answering user's storage (in a web app, the
        request's cookies), so give the resumed user the storage the sign-in used.

        The ``session`` lets anyone holding the state answer the challenge (it is valid for
        about three minutes, and the pool still wants the code or password), and
        ``parameters`` may hold the user's attributes (``NEW_PASSWORD_REQUIRED``): keep the
        state server-side, or in an HttpOnly cookie signed (HMAC) by the server, with an
        expiry of a few minutes; sign it so that it cannot be swapped or edited.

        Example::

            state = challenge.to_state()            # request 1: password accepted
            cookie = sign(json.dumps(state))
            ...
            state = json.loads(verify(cookie))      # request 2: the code form
            user = CognitoUser(state["username"], pool)
            session = user.resume_challenge(state).answer(code)
        """
        step = self._current_step()
        return {
            "v": STATE_VERSION,
            "challenge_name": step.challenge_name,
            "parameters": dict(step.parameters),
            "username": step.username,
            "session": step.session,
            "auth_flow": self._user.get_authentication_flow_type(),
            "device_name": self._user.device_name,
        }

    @classmethod
    def _from_step(cls: type[B], user: Any, step: ChallengeStep) -> B:
        base = (step.challenge_name, dict(step.parameters), step.username, step.session, user)
        return cls(*base, *cls._parse(step.parameters))

    @staticmethod
    def _parse(parameters: Mapping[str, str]) -> tuple[Any, ...]:
        """The kind's own fields, in order, from ``ChallengeParameters``."""
        return ()


#: The version of the format :meth:`BaseChallenge.to_state` writes.
STATE_VERSION = 1
_STATE_KEYS = (
    "v",
    "challenge_name",
    "parameters",
    "username",
    "session",
    "auth_flow",
    "device_name",
)


@dataclass(frozen=True)
class ResumedState:
    """A checked :meth:`BaseChallenge.to_state` dict: the step and the user's context."""

    step: ChallengeStep
    auth_flow: str
    device_name: str


def step_from_state(state: Any, auth_flows: tuple[str, ...]) -> ResumedState:
    """Check a :meth:`BaseChallenge.to_state` dict (after a JSON round trip, say).

    The challenge name is checked by the caller (against its twin's classes).

    Raises:
        ValueError: not a dict, another format version, a missing, unknown or mistyped field.
    """
    if not isinstance(state, Mapping):
        raise ValueError(f"Challenge state must be a dict, not {type(state).__name__}.")
    version = state.get("v")
    if type(version) is not int or version != STATE_VERSION:
        raise ValueError(
            f"Unsupported challenge state version {version!r} (this SDK reads {STATE_VERSION})."
        )
    missing = [key for key in _STATE_KEYS if key not in state]
    if missing:
        raise ValueError(f"Challenge state is missing {', '.join(missing)}.")
    unknown = sorted(str(key) for key in state if key not in _STATE_KEYS)
    if unknown:
        raise ValueError(f"Challenge state has unknown fields: {', '.join(unknown)}.")
    for key in ("challenge_name", "username", "auth_flow", "device_name"):
        if not isinstance(state[key], str) or not state[key]:
            raise ValueError(f"Challenge state field {key} must be a non-empty string.")
    session = state["session"]
    if session is not None and not isinstance(session, str):
        raise ValueError("Challenge state field session must be a string or null.")
    parameters = state["parameters"]
    if not isinstance(parameters, Mapping) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in parameters.items()
    ):
        raise ValueError("Challenge state field parameters must map strings to strings.")
    if state["auth_flow"] not in auth_flows:
        raise ValueError(f"Challenge state has an unknown auth_flow {state['auth_flow']!r}.")
    step = ChallengeStep(state["challenge_name"], dict(parameters), session, state["username"])
    return ResumedState(step, state["auth_flow"], state["device_name"])


def challenge_from_step(user: Any, step: ChallengeStep, classes: Mapping[str, type[B]]) -> B:
    """The typed challenge for ``step``, of the class ``classes`` gives for its name.

    Raises:
        UnsupportedChallengeError: a challenge this SDK does not answer.
        InvalidResponseError: its parameters are not in Cognito's shape.
    """
    cls = classes.get(step.challenge_name)
    if cls is None:
        raise UnsupportedChallengeError(step.challenge_name)
    return cls._from_step(user, step)


@dataclass(frozen=True)
class CodeChallengeData(BaseChallenge[U]):
    """A challenge answered with a one-time code."""


@dataclass(frozen=True)
class DeliveredCodeData(CodeChallengeData[U]):
    """A code sent by text message or email.

    Attributes:
        destination: the masked phone number (``+*******1234``) or address (``a***@e***``).
        medium: ``SMS`` or ``EMAIL``.
    """

    destination: str | None
    medium: str | None

    @staticmethod
    def _parse(parameters: Mapping[str, str]) -> tuple[Any, ...]:
        return (_delivery(parameters, "DESTINATION"), _delivery(parameters, "DELIVERY_MEDIUM"))


@dataclass(frozen=True)
class TotpData(CodeChallengeData[U]):
    """The code shown by the user's authenticator app.

    Attributes:
        friendly_device_name: the name given to the app at set-up, if the pool sends it.
    """

    friendly_device_name: str | None

    @staticmethod
    def _parse(parameters: Mapping[str, str]) -> tuple[Any, ...]:
        return (parameters.get("FRIENDLY_DEVICE_NAME"),)


@dataclass(frozen=True)
class SelectMfaTypeData(BaseChallenge[U]):
    """The user has several MFA methods and must pick one.

    Attributes:
        options: the names to choose from (``SMS_MFA``, ``SOFTWARE_TOKEN_MFA``, ``EMAIL_OTP``).
    """

    options: tuple[str, ...]

    @staticmethod
    def _parse(parameters: Mapping[str, str]) -> tuple[Any, ...]:
        return (tuple(_json_list(parameters, "MFAS_CAN_CHOOSE")),)


@dataclass(frozen=True)
class SoftwareTokenAssociation:
    """A TOTP secret to load into an authenticator app.

    Attributes:
        secret_code: the base32 secret (hidden from ``repr``).
        username: the account name shown by the app.
        issuer: the service name shown by the app.
    """

    secret_code: str = field(repr=False)
    username: str
    issuer: str

    @property
    def uri(self) -> str:
        """The ``otpauth://totp/...`` URI authenticator apps read from a QR code."""
        return totp_uri(self.secret_code, self.username, self.issuer)


def totp_uri(secret_code: str, username: str, issuer: str) -> str:
    """``otpauth://totp/<issuer>:<username>?secret=<secret>&issuer=<issuer>`` (Key URI format).

    Example::

        totp_uri("JBSWY3DPEHPK3PXP", "alice", "My App")
        # 'otpauth://totp/My%20App:alice?secret=JBSWY3DPEHPK3PXP&issuer=My%20App'
    """
    label = f"{quote(issuer, safe='')}:{quote(username, safe='')}"
    return f"otpauth://totp/{label}?secret={secret_code}&issuer={quote(issuer, safe='')}"


class _SessionCell:
    """The newest session of an MFA_SETUP challenge (AssociateSoftwareToken replaces it)."""

    def __init__(self) -> None:
        self.session: str | None = None


@dataclass(frozen=True)
class MfaSetupData(BaseChallenge[U]):
    """MFA is required and the user has no method yet: set up TOTP.

    Attributes:
        mfas_can_setup: the methods the pool allows setting up (``SOFTWARE_TOKEN_MFA``...).
    """

    mfas_can_setup: tuple[str, ...]
    _cell: _SessionCell = field(default_factory=_SessionCell, repr=False, compare=False)

    @staticmethod
    def _parse(parameters: Mapping[str, str]) -> tuple[Any, ...]:
        return (tuple(_json_list(parameters, "MFAS_CAN_SETUP")),)

    def _current_step(self) -> ChallengeStep:
        return replace(self._step, session=self._cell.session or self.session)

    def _association(
        self, secret: SoftwareTokenSecret, issuer: str | None
    ) -> SoftwareTokenAssociation:
        """Keep the session AssociateSoftwareToken returned (verify needs it); the secret."""
        self._cell.session = secret.session or self._cell.session
        pool_id = self._user.pool.user_pool_id
        return SoftwareTokenAssociation(secret.secret_code, self.username, issuer or pool_id)


@dataclass(frozen=True)
class NewPasswordData(BaseChallenge[U]):
    """The user was created by an admin and must pick a password.

    Attributes:
        user_attributes: the user's current attributes.
        required_attributes: the attributes the pool requires that are still missing (their
            ``userAttributes.`` prefix removed); pass them to ``complete``.
    """

    user_attributes: dict[str, str]
    required_attributes: list[str]

    @staticmethod
    def _parse(parameters: Mapping[str, str]) -> tuple[Any, ...]:
        attributes = _json_value(parameters, "userAttributes", {})
        if not isinstance(attributes, dict):
            raise InvalidResponseError("NEW_PASSWORD_REQUIRED: userAttributes is not an object")
        required = [
            name.removeprefix("userAttributes.")
            for name in _json_list(parameters, "requiredAttributes")
        ]
        return ({str(k): str(v) for k, v in attributes.items()}, required)


@dataclass(frozen=True)
class CustomData(BaseChallenge[U]):
    """The pool's Create Auth Challenge trigger asks a question (in :attr:`parameters`)."""


def _delivery(parameters: Mapping[str, str], name: str) -> str | None:
    return parameters.get(f"CODE_DELIVERY_{name}")


def _json_value(parameters: Mapping[str, str], name: str, default: Any) -> Any:
    text = parameters.get(name)
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidResponseError(f"Challenge parameter {name} is not JSON: {text!r}") from exc


def _json_list(parameters: Mapping[str, str], name: str) -> list[str]:
    value = _json_value(parameters, name, [])
    if not isinstance(value, list):
        raise InvalidResponseError(f"Challenge parameter {name} is not a list")
    return [str(item) for item in value]
