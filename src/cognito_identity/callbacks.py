"""JS-style callbacks over the typed API, for code ported from amazon-cognito-identity-js.

The SDK returns sessions and typed challenges (:mod:`cognito_identity.challenges`); this module
turns those results into calls of the handlers a JS app passes::

    class Handlers:
        def on_success(self, session, user_confirmation_necessary=False): ...
        def on_failure(self, error): ...
        def mfa_required(self, challenge_name, challenge_parameters):
            callbacks.send_mfa_code(user, input("Code: "), self)

    callbacks.authenticate_user(user, AuthenticationDetails("alice", password), Handlers())
    # or: user.authenticate_user(details, callbacks=Handlers())

``callbacks`` may be any object with these methods or a mapping of name to function; the JS
names (``onSuccess``, ``mfaRequired``, ``selectMFAType``...) work too. Handlers and what calls
them:

==========================  ===========================================  =====================
handler                     called with                                  for
==========================  ===========================================  =====================
``on_success``              ``session`` (and ``True`` when the user      a session
                            must be asked to remember this device)
``on_failure``              ``error`` (a CognitoError or ValueError)     any failure
``mfa_required``            ``challenge_name, challenge_parameters``     ``SMS_MFA``
``totp_required``           ``challenge_name, challenge_parameters``     ``SOFTWARE_TOKEN_MFA``
``email_otp_required``      ``challenge_name, challenge_parameters``     ``EMAIL_OTP`` (falls
                                                                         back to
                                                                         ``mfa_required``)
``select_mfa_type``         ``challenge_name, challenge_parameters``     ``SELECT_MFA_TYPE``
``mfa_setup``               ``challenge_name, challenge_parameters``     ``MFA_SETUP``
``new_password_required``   ``user_attributes, required_attributes``     ``NEW_PASSWORD_...``
``custom_challenge``        ``challenge_parameters``                     ``CUSTOM_CHALLENGE``
``associate_secret_code``   ``secret_code``                              associate_software_token
==========================  ===========================================  =====================

With :class:`~cognito_identity.AsyncCognitoUser`, pass the handlers to
``await user.authenticate_user(details, callbacks=handlers)``, or hand any coroutine of the
user to :func:`asettle` (``await asettle(handlers, user.send_mfa_code(code))``). Handlers may
then be plain functions or coroutine functions (awaited).

Differences from JS, on purpose: a challenge whose handler is missing reaches ``on_failure`` as
a :class:`MissingCallbackError` naming the handler (JS throws "callback.mfaRequired is not a
function"), and an exception raised by a handler propagates to the caller instead of being
passed to ``on_failure`` a second time.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from ._challenge_data import BaseChallenge, CustomData, NewPasswordData
from .challenges import AsyncAuthResult, AuthResult
from .errors import CognitoError
from .tokens import CognitoUserSession

if TYPE_CHECKING:
    from .auth_details import AuthenticationDetails
    from .user import CognitoUser

#: An object with handler methods, or a mapping of handler name to function.
Callbacks: TypeAlias = object
Handler = Callable[..., object]

#: The JS name of each handler, also accepted.
JS_NAMES = {
    "on_success": "onSuccess",
    "on_failure": "onFailure",
    "mfa_required": "mfaRequired",
    "totp_required": "totpRequired",
    "email_otp_required": "emailOtpRequired",
    "select_mfa_type": "selectMFAType",
    "mfa_setup": "mfaSetup",
    "new_password_required": "newPasswordRequired",
    "custom_challenge": "customChallenge",
    "associate_secret_code": "associateSecretCode",
}


class MissingCallbackError(CognitoError):
    """The pool asked for something the callbacks have no handler for.

    Attributes:
        handler: the handler that was needed (``mfa_required``...).
        challenge_name: the challenge that needed it, if any.
    """

    def __init__(self, handler: str, challenge_name: str | None = None) -> None:
        reason = f"the pool asks for {challenge_name}" if challenge_name else "a result came"
        super().__init__(
            f"{reason}, but the callbacks have no {handler!r} handler "
            f"(JS name {JS_NAMES.get(handler, handler)!r})"
        )
        self.handler = handler
        self.challenge_name = challenge_name


def authenticate_user(
    user: CognitoUser, details: AuthenticationDetails, callbacks: Callbacks
) -> None:
    """JS ``authenticateUser(authDetails, callbacks)``."""
    settle(callbacks, lambda: user.authenticate_user(details))


def initiate_auth(user: CognitoUser, details: AuthenticationDetails, callbacks: Callbacks) -> None:
    """JS ``initiateAuth(authDetails, callbacks)``: CUSTOM_AUTH without SRP."""
    settle(callbacks, lambda: user.initiate_auth(details))


def send_mfa_code(
    user: CognitoUser,
    code: str,
    callbacks: Callbacks,
    mfa_type: str = "SMS_MFA",
    client_metadata: Mapping[str, str] | None = None,
) -> None:
    """JS ``sendMFACode(code, callbacks, mfaType, clientMetadata)``."""
    settle(callbacks, lambda: user.send_mfa_code(code, mfa_type, client_metadata))


def send_mfa_selection_answer(user: CognitoUser, answer: str, callbacks: Callbacks) -> None:
    """JS ``sendMFASelectionAnswer(answer, callbacks)``."""
    settle(callbacks, lambda: user.send_mfa_selection_answer(answer))


def complete_new_password_challenge(
    user: CognitoUser,
    new_password: str,
    required_attribute_data: Mapping[str, str] | None,
    callbacks: Callbacks,
    client_metadata: Mapping[str, str] | None = None,
) -> None:
    """JS ``completeNewPasswordChallenge(newPassword, requiredAttributeData, callbacks, ...)``."""
    settle(
        callbacks,
        lambda: user.complete_new_password_challenge(
            new_password, required_attribute_data, client_metadata
        ),
    )


def send_custom_challenge_answer(
    user: CognitoUser,
    answer: str,
    callbacks: Callbacks,
    client_metadata: Mapping[str, str] | None = None,
) -> None:
    """JS ``sendCustomChallengeAnswer(answer, callbacks, clientMetadata)``."""
    settle(callbacks, lambda: user.send_custom_challenge_answer(answer, client_metadata))


def associate_software_token(user: CognitoUser, callbacks: Callbacks) -> None:
    """JS ``associateSoftwareToken(callbacks)``: the secret goes to ``associate_secret_code``."""
    try:
        secret_code = user.associate_software_token()
    except (CognitoError, ValueError) as error:
        fail(callbacks, error)
        return
    _call(callbacks, "associate_secret_code", None, secret_code)


def verify_software_token(
    user: CognitoUser, code: str, friendly_device_name: str | None, callbacks: Callbacks
) -> None:
    """JS ``verifySoftwareToken(code, friendlyDeviceName, callbacks)``.

    During MFA set-up the session (or next challenge) is dispatched; when signed in,
    ``on_success`` gets the raw answer (``{"Status": "SUCCESS"}``), as in JS.
    """
    try:
        result = user.verify_software_token(code, friendly_device_name)
    except (CognitoError, ValueError) as error:
        fail(callbacks, error)
        return
    if isinstance(result, dict):
        _call(callbacks, "on_success", None, result)
    else:
        dispatch(result, callbacks)


def settle(callbacks: Callbacks, action: Callable[[], AuthResult]) -> None:
    """Run ``action`` and hand its result to the matching handler, or its error to
    ``on_failure``.

    Only the SDK call is guarded: an exception from a handler propagates (JS would pass it to
    ``onFailure`` as well, calling back twice).
    """
    try:
        result = action()
    except (CognitoError, ValueError) as error:
        fail(callbacks, error)
        return
    dispatch(result, callbacks)


def dispatch(result: AuthResult, callbacks: Callbacks) -> None:
    """Call the handler for ``result`` (see the table in the module docstring)."""
    handler, args = _pick(result, callbacks)
    handler(*args)


def _pick(
    result: AuthResult | AsyncAuthResult, callbacks: Callbacks
) -> tuple[Handler, tuple[Any, ...]]:
    """The handler for ``result`` and its arguments (``on_failure`` when it has none)."""
    if isinstance(result, CognitoUserSession):
        # As JS: a second argument only when the user must be asked to remember the device.
        extra = (True,) if result.user_confirmation_necessary else ()
        return _handler_or_failure(callbacks, "on_success", None), (result, *extra)
    names, args = _route(result)
    for name in names:
        handler = find_handler(callbacks, name)
        if handler is not None:
            return handler, args
    return _failure(callbacks), (MissingCallbackError(names[0], result.challenge_name),)


def fail(callbacks: Callbacks, error: Exception) -> None:
    """Pass ``error`` to ``on_failure``; with no such handler, raise it."""
    _failure(callbacks)(error)


def _failure(callbacks: Callbacks) -> Handler:
    """``on_failure``, or a handler that raises what it is given."""
    return find_handler(callbacks, "on_failure") or _raise


def _raise(error: Exception) -> None:
    raise error


def find_handler(callbacks: Callbacks, name: str) -> Handler | None:
    """The handler called ``name`` (or its JS name), or ``None``."""
    for key in (name, JS_NAMES.get(name, name)):
        if isinstance(callbacks, Mapping):
            handler = callbacks.get(key)
        else:
            handler = getattr(callbacks, key, None)
        if callable(handler):
            return handler  # type: ignore[no-any-return]
    return None


def _call(callbacks: Callbacks, name: str, challenge_name: str | None, *args: Any) -> None:
    handler = _handler_or_failure(callbacks, name, challenge_name)
    handler(*args)


def _handler_or_failure(callbacks: Callbacks, name: str, challenge_name: str | None) -> Handler:
    """Handler ``name``, else one that reports the missing handler to ``on_failure``."""
    handler = find_handler(callbacks, name)
    if handler is not None:
        return handler
    error = MissingCallbackError(name, challenge_name)
    return lambda *args: _failure(callbacks)(error)


#: The handlers to try, in order, for each challenge name.
_HANDLERS = {
    "SMS_MFA": ("mfa_required",),
    "SOFTWARE_TOKEN_MFA": ("totp_required",),
    "EMAIL_OTP": ("email_otp_required", "mfa_required"),
    "SELECT_MFA_TYPE": ("select_mfa_type",),
    "MFA_SETUP": ("mfa_setup",),
    "NEW_PASSWORD_REQUIRED": ("new_password_required",),
    "CUSTOM_CHALLENGE": ("custom_challenge",),
}


def _route(challenge: BaseChallenge[Any]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The handler names to try, in order, and their arguments (sync or async challenge)."""
    names = _HANDLERS.get(challenge.challenge_name)
    if names is None:
        raise TypeError(f"not a challenge: {challenge!r}")
    if isinstance(challenge, NewPasswordData):
        return names, (dict(challenge.user_attributes), list(challenge.required_attributes))
    if isinstance(challenge, CustomData):
        return names, (dict(challenge.parameters),)
    return names, (challenge.challenge_name, dict(challenge.parameters))


# The async adapter: the same routing, with the SDK call and the handlers awaited.


async def asettle(callbacks: Callbacks, action: Awaitable[AsyncAuthResult]) -> None:
    """Await ``action`` (a coroutine of :class:`~cognito_identity.AsyncCognitoUser`) and hand
    its result to the matching handler, or its error to ``on_failure``; a handler that returns
    an awaitable (a coroutine function) is awaited.

    Example::

        await asettle(handlers, user.send_mfa_code(code))
    """
    try:
        result = await action
    except (CognitoError, ValueError) as error:
        await _settled(_failure(callbacks)(error))
        return
    await adispatch(result, callbacks)


async def adispatch(result: AsyncAuthResult, callbacks: Callbacks) -> None:
    """The async twin of :func:`dispatch`."""
    handler, args = _pick(result, callbacks)
    await _settled(handler(*args))


async def _settled(value: object) -> None:
    if inspect.isawaitable(value):
        await value
