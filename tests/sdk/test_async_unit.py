"""The async twins with a scripted sender: they send exactly what the sync classes send and
keep exactly what they keep; cancellation, and JS-style callbacks with coroutine handlers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from cognito_identity import (
    AsyncCognitoUser,
    AsyncCognitoUserPool,
    AsyncSmsMfaChallenge,
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    CognitoUserSession,
    MemoryStorage,
    SmsMfaChallenge,
    errors,
)
from cognito_identity._wire import Call
from cognito_identity.callbacks import MissingCallbackError, asettle
from cognito_identity.storage import Storage

from .helpers import ScriptedSender, auth_result, make_jwt

POOL_ID = "us-east-1_AbC123"
NOW = 1_700_000_000.0
Handler = Callable[[Call], dict[str, Any]]

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class AsyncSender:
    """The async face of a :class:`ScriptedSender`."""

    def __init__(self, sender: ScriptedSender) -> None:
        self.sender = sender

    async def send(self, call: Call) -> dict[str, Any]:
        return self.sender.send(call)


def answer(value: dict[str, Any]) -> Handler:
    return lambda call: value


def revocable_tokens() -> dict[str, Any]:
    result = auth_result(NOW)
    claims = {"username": "s-1", "iat": int(NOW), "exp": int(NOW) + 3600, "origin_jti": "o-1"}
    result["AccessToken"] = make_jwt(token_use="access", **claims)
    return {"AuthenticationResult": result}


SMS = answer(
    {
        "ChallengeName": "SMS_MFA",
        "ChallengeParameters": {"CODE_DELIVERY_DESTINATION": "+*******0100"},
        "Session": "s1",
    }
)
USER = answer({"Username": "s-1", "UserAttributes": [{"Name": "nickname", "Value": "Al"}]})
SCRIPT = [SMS, answer(revocable_tokens()), answer({}), USER, answer(revocable_tokens()), USER]


def pools(
    *handlers: Handler,
) -> tuple[CognitoUserPool, AsyncCognitoUserPool, tuple[list[Call], list[Call]]]:
    """A sync and an async pool, each answering with its own copy of ``handlers``."""
    sync_sender, async_sender = ScriptedSender(*handlers), ScriptedSender(*handlers)
    sync = CognitoUserPool(POOL_ID, "client1", storage=MemoryStorage(), clock=lambda: NOW)
    sync._transport = sync_sender  # type: ignore[assignment]
    aio = AsyncCognitoUserPool(POOL_ID, "client1", storage=MemoryStorage(), clock=lambda: NOW)
    aio._transport = AsyncSender(async_sender)  # type: ignore[assignment]
    return sync, aio, (sync_sender.calls, async_sender.calls)


def items(storage: Storage) -> dict[str, str]:
    assert isinstance(storage, MemoryStorage)
    return dict(storage._items)


def token_of(result: object) -> str:
    assert isinstance(result, CognitoUserSession)
    return result.access_token.jwt_token


def sync_story(pool: CognitoUserPool) -> list[Any]:
    user = CognitoUser("bob", pool)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    challenge = user.authenticate_user(AuthenticationDetails("bob", "pw"))
    assert isinstance(challenge, SmsMfaChallenge)
    seen: list[Any] = [challenge.destination, items(pool.storage)]
    seen.append(token_of(challenge.answer("123456")))
    seen.append(user.update_attributes({"nickname": "Al"}))
    seen += [user.get_user_attributes(), items(pool.storage)]
    user.sign_out(revoke=True)
    return [*seen, items(pool.storage), user.get_sign_in_user_session()]


async def async_story(pool: AsyncCognitoUserPool) -> list[Any]:
    user = AsyncCognitoUser("bob", pool)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    challenge = await user.authenticate_user(AuthenticationDetails("bob", "pw"))
    assert isinstance(challenge, AsyncSmsMfaChallenge)
    seen: list[Any] = [challenge.destination, items(pool.storage)]
    seen.append(token_of(await challenge.answer("123456")))
    seen.append(await user.update_attributes({"nickname": "Al"}))
    seen += [await user.get_user_attributes(), items(pool.storage)]
    await user.sign_out(revoke=True)
    return [*seen, items(pool.storage), user.get_sign_in_user_session()]


async def test_the_twins_send_and_keep_the_same() -> None:
    sync, aio, (sync_calls, async_calls) = pools(*SCRIPT, answer({}))
    assert await async_story(aio) == sync_story(sync)
    operations = [call.operation for call in sync_calls]
    assert operations == [
        "InitiateAuth",
        "RespondToAuthChallenge",
        "UpdateUserAttributes",
        "GetUser",
        "InitiateAuth",
        "GetUser",
        "RevokeToken",
    ]
    assert [(c.operation, c.payload) for c in async_calls] == [
        (c.operation, c.payload) for c in sync_calls
    ]


async def test_errors_are_the_same_and_nothing_is_stored() -> None:
    def refuse(call: Call) -> dict[str, Any]:
        raise errors.NotAuthorizedException("Incorrect username or password.")

    _, aio, _ = pools(refuse)
    user = AsyncCognitoUser("bob", aio)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    with pytest.raises(errors.NotAuthorizedException):
        await user.authenticate_user(AuthenticationDetails("bob", "pw"))
    assert items(aio.storage) == {}
    with pytest.raises(ValueError, match="PASSWORD parameter is required"):
        await user.authenticate_user(AuthenticationDetails("bob"))


async def test_a_cancelled_sign_out_still_forgets_the_session_here() -> None:
    """The driver closes the flow when the task is cancelled, so ``finally`` runs at once."""
    started = asyncio.Event()

    class Hanging:
        async def send(self, call: Call) -> dict[str, Any]:
            started.set()
            await asyncio.Event().wait()
            raise AssertionError("never answered")

    _, aio, _ = pools(answer(revocable_tokens()))
    user = AsyncCognitoUser("bob", aio)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    await user.authenticate_user(AuthenticationDetails("bob", "pw"))
    aio._transport = Hanging()  # type: ignore[assignment]
    task = asyncio.create_task(user.sign_out(revoke=True))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert user.get_sign_in_user_session() is None
    assert aio.get_current_user() is None


async def test_callbacks_may_be_coroutine_functions() -> None:
    _, aio, _ = pools(SMS, answer(revocable_tokens()))
    user = AsyncCognitoUser("bob", aio)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    outcome: list[Any] = []

    class Handlers:
        async def on_success(self, session: CognitoUserSession) -> None:
            outcome.append(session)

        def on_failure(self, error: Exception) -> None:  # a plain function works too
            outcome.append(error)

        async def mfa_required(self, name: str, parameters: dict[str, str]) -> None:
            outcome.append(name)
            await asettle(self, user.send_mfa_code("123456"))

    details = AuthenticationDetails("bob", "pw")
    await user.authenticate_user(details, callbacks=Handlers())
    assert outcome[0] == "SMS_MFA"
    assert isinstance(outcome[1], CognitoUserSession)


async def test_a_missing_async_handler_reaches_on_failure() -> None:
    _, aio, _ = pools(SMS)
    user = AsyncCognitoUser("bob", aio)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    failures: list[Exception] = []

    async def on_failure(error: Exception) -> None:
        failures.append(error)

    await user.authenticate_user(AuthenticationDetails("bob", "pw"), {"onFailure": on_failure})
    assert isinstance(failures[0], MissingCallbackError)
    assert failures[0].handler == "mfa_required"


async def test_get_current_user_and_repr() -> None:
    _, aio, _ = pools(answer(revocable_tokens()))
    assert aio.get_current_user() is None
    user = AsyncCognitoUser("bob", aio)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    await user.authenticate_user(AuthenticationDetails("bob", "pw"))
    current = aio.get_current_user()
    assert isinstance(current, AsyncCognitoUser)
    assert (
        await current.get_session()
    ).access_token == user.get_sign_in_user_session().access_token  # type: ignore[union-attr]
    assert repr(current) == f"AsyncCognitoUser('bob', pool={POOL_ID!r})"
    assert repr(aio).startswith("AsyncCognitoUserPool(")
