"""Remembered devices end to end: the SDK against the local server over a socket.

The pools have SMS MFA ON and device tracking; SMS codes come from the server's outbox, so "no
new SMS" proves a sign-in skipped MFA.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
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
    Device,
    FileStorage,
    MemoryStorage,
    SmsMfaChallenge,
    Storage,
    errors,
)
from cognito_identity import callbacks as cb
from cognito_identity._wire import drop_none
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code
from tests.server.mfa_helpers import messages, phone_user, set_mfa

DEVICE_ITEMS = ("deviceKey", "randomPasswordKey", "deviceGroupKey")


class Sdk:
    """Makes SDK pools on the test pool (sharing the server's clock); closes them."""

    def __init__(self, ids: PoolIds, clock: FakeClock) -> None:
        self.ids, self.clock = ids, clock
        self.made: list[CognitoUserPool] = []

    def __call__(self, storage: Storage | None = None) -> CognitoUserPool:
        ids = self.ids
        sdk = CognitoUserPool(
            ids.user_pool_id,
            ids.client_id,
            ids.endpoint,
            storage or MemoryStorage(),
            clock=self.clock,
        )
        self.made.append(sdk)
        return sdk


@pytest.fixture
def sdk(pool: PoolIds, clock: FakeClock) -> Iterator[Sdk]:
    maker = Sdk(pool, clock)
    yield maker
    for made in maker.made:
        made.close()


def tracking_pool(boto: Any, ids: PoolIds, *, ask_user: bool = False, mfa: bool = True) -> None:
    """Devices tracked (MFA skipped on remembered ones), SMS MFA ON unless ``mfa`` is false.

    UpdateUserPool first: like Cognito's, it resets what it is not given (MFA included).
    """
    boto.update_user_pool(
        UserPoolId=ids.user_pool_id,
        AutoVerifiedAttributes=["email"],
        DeviceConfiguration={
            "ChallengeRequiredOnNewDevice": True,
            "DeviceOnlyRememberedOnUserPrompt": ask_user,
        },
    )
    if mfa:
        set_mfa(boto, ids, "ON", "sms")


def sms_count(ids: PoolIds, username: str) -> int:
    return sum(1 for message in messages(ids, username) if message["kind"] == "mfa")


def stored(user: CognitoUser, item: str) -> str | None:
    return user.storage.get_item(user.pool.storage_keys.user(user.username, item))


def sign_in(user: CognitoUser, flow: str = "USER_SRP_AUTH") -> CognitoUserSession:
    """Sign in, answering SMS MFA with the texted code when asked."""
    user.set_authentication_flow_type(flow)
    result = user.authenticate_user(AuthenticationDetails(user.username, STRONG_PASSWORD))
    if isinstance(result, SmsMfaChallenge):
        ids = user.pool
        result = result.answer(latest_code(ids.endpoint, ids.user_pool_id, user.username))
    assert isinstance(result, CognitoUserSession), result
    return result


def sign_in_without_mfa(user: CognitoUser, ids: PoolIds, flow: str = "USER_SRP_AUTH") -> Any:
    before = sms_count(ids, user.username)
    session = sign_in(user, flow)
    assert sms_count(ids, user.username) == before, "a code was texted"
    return session


@pytest.fixture
def tracked(boto: Any, pool: PoolIds) -> PoolIds:
    """SMS MFA ON, devices tracked and remembered at once, MFA skipped on them; user alice."""
    tracking_pool(boto, pool)
    phone_user(boto, pool, "alice")
    return pool


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_first_sign_in_remembers_the_device_and_the_next_skips_mfa(
    sdk: Sdk, tracked: PoolIds, flow: str
) -> None:
    user = CognitoUser("alice", sdk())
    user.device_name = "Alice's laptop"
    first = sign_in(user, flow)
    assert first.user_confirmation_necessary is False
    assert all(stored(user, item) for item in DEVICE_ITEMS)
    device = user.get_cached_device_key_and_password()
    assert device is not None and device.device_key == stored(user, "deviceKey")
    assert len(device.random_password) == 56 and device.random_password not in repr(device)
    second = sign_in_without_mfa(CognitoUser("alice", user.pool), tracked, flow)
    assert second.access_token.payload["device_key"] == device.device_key
    current = user.get_device()
    assert isinstance(current, Device) and current.key == device.device_key
    assert current.name == "Alice's laptop" and current.remembered
    assert current.last_authenticated_date is not None and current.create_date is not None
    assert current.raw["DeviceKey"] == device.device_key


def test_refresh_sends_the_device_key(sdk: Sdk, tracked: PoolIds, clock: FakeClock) -> None:
    user = CognitoUser("alice", sdk())
    sign_in(user)
    sign_in_without_mfa(user, tracked)
    clock.advance(3700)  # the tokens expire; the refresh token is bound to the device
    session = user.get_session()
    assert session.is_valid()
    assert session.access_token.payload["device_key"] == stored(user, "deviceKey")


def test_opt_in_pool_asks_the_user_then_remembers(sdk: Sdk, boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool, ask_user=True)
    phone_user(boto, pool, "alice")
    user = CognitoUser("alice", sdk())
    first = sign_in(user)
    assert first.user_confirmation_necessary is True
    assert user.get_sign_in_user_session() is first
    assert user.get_device().remembered is False
    # Not remembered yet: device SRP happens, but after the code.
    sign_in(CognitoUser("alice", user.pool))
    assert user.set_device_status_remembered() == "SUCCESS"
    assert user.get_device().remembered is True
    sign_in_without_mfa(CognitoUser("alice", user.pool), pool)
    assert user.set_device_status_not_remembered() == "SUCCESS"
    assert user.get_device().remembered is False


def test_callbacks_get_the_confirmation_flag(sdk: Sdk, boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool, ask_user=True, mfa=False)
    phone_user(boto, pool, "alice")
    seen: list[tuple[Any, ...]] = []
    user = CognitoUser("alice", sdk())
    details = AuthenticationDetails("alice", STRONG_PASSWORD)
    cb.authenticate_user(user, details, {"onSuccess": lambda *args: seen.append(args)})
    assert len(seen) == 1 and seen[0][1] is True
    user.set_device_status_remembered()
    cb.authenticate_user(user, details, {"onSuccess": lambda *args: seen.append(args)})
    assert len(seen[1]) == 1  # a known device: the session only, as in JS


def test_forget_device_clears_the_keys_and_mfa_comes_back(sdk: Sdk, tracked: PoolIds) -> None:
    user = CognitoUser("alice", sdk())
    sign_in(user)
    key = stored(user, "deviceKey")
    assert user.forget_device() == "SUCCESS"
    assert not any(stored(user, item) for item in DEVICE_ITEMS)
    before = sms_count(tracked, "alice")
    sign_in(user)
    assert sms_count(tracked, "alice") == before + 1
    assert stored(user, "deviceKey") not in (None, key)


def test_device_deleted_on_the_server_is_dropped_and_sign_in_recovers(
    sdk: Sdk, boto: Any, tracked: PoolIds
) -> None:
    for flow in ("USER_SRP_AUTH", "USER_PASSWORD_AUTH"):
        user = CognitoUser("alice", sdk())
        sign_in(user, flow)
        key = stored(user, "deviceKey")
        boto.admin_forget_device(UserPoolId=tracked.user_pool_id, Username="alice", DeviceKey=key)
        before = sms_count(tracked, "alice")
        session = sign_in(user, flow)  # retried without the device: MFA again
        assert sms_count(tracked, "alice") == before + 1
        new_key = stored(user, "deviceKey")
        assert new_key not in (None, key)
        assert session.access_token.payload["device_key"] == new_key


def test_current_user_in_a_new_process_loads_the_device(
    sdk: Sdk, tracked: PoolIds, tmp_path: Path
) -> None:
    path = tmp_path / "tokens.json"
    sign_in(CognitoUser("alice", sdk(FileStorage(path))))
    later = sdk(FileStorage(path)).get_current_user()
    assert later is not None
    assert later.get_cached_device_key_and_password() is not None
    assert later.get_device().remembered  # no getCachedDeviceKeyAndPassword() needed first
    sign_in_without_mfa(later, tracked)


def test_iter_devices_pages_through_25_devices(
    sdk: Sdk, boto: Any, pool: PoolIds, clock: FakeClock
) -> None:
    tracking_pool(boto, pool, mfa=False)  # no SMS: 25 sign-ins stay under the send limits
    phone_user(boto, pool, "alice")
    keys = set()
    for _ in range(25):  # each fresh store registers a new device
        user = CognitoUser("alice", sdk())
        sign_in(user, "USER_PASSWORD_AUTH")
        keys.add(stored(user, "deviceKey"))
        clock.advance(5)
    page = user.list_devices(10)
    assert len(page.devices) == 10 and page.pagination_token is not None
    rest = user.list_devices(60, page.pagination_token)
    assert len(rest.devices) == 15 and rest.pagination_token is None
    assert {device.key for device in user.iter_devices(page_size=7)} == keys
    assert len(list(user.iter_devices())) == 25


def test_forget_specific_device(sdk: Sdk, tracked: PoolIds) -> None:
    other = CognitoUser("alice", sdk())
    sign_in(other)
    user = CognitoUser("alice", sdk())
    sign_in(user)
    other_key = stored(other, "deviceKey")
    assert user.forget_specific_device(str(other_key)) == "SUCCESS"
    assert {device.key for device in user.iter_devices()} == {stored(user, "deviceKey")}
    assert stored(user, "deviceKey")  # another device: this one's keys stay
    assert user.forget_specific_device(str(stored(user, "deviceKey"))) == "SUCCESS"
    assert stored(user, "deviceKey") is None


def test_tampered_device_secret_is_refused_then_dropped(sdk: Sdk, tracked: PoolIds) -> None:
    user = CognitoUser("alice", sdk())
    sign_in(user)
    item = user.pool.storage_keys.user(user.username, "randomPasswordKey")
    user.storage.set_item(item, "A" * 56)
    with pytest.raises(errors.NotAuthorizedException):
        sign_in(user)
    assert user.get_cached_device_key_and_password() is None
    sign_in(user)  # registers the device anew, after MFA
    assert user.get_cached_device_key_and_password() is not None


def test_sign_out_keeps_the_device_delete_user_drops_it(sdk: Sdk, tracked: PoolIds) -> None:
    user = CognitoUser("alice", sdk())
    sign_in(user)
    user.sign_out()
    assert all(stored(user, item) for item in DEVICE_ITEMS)
    sign_in_without_mfa(user, tracked)
    user.delete_user()
    assert not any(stored(user, item) for item in DEVICE_ITEMS)


def test_no_device_key_null_goes_on_the_wire(sdk: Sdk, boto: Any, pool: PoolIds) -> None:
    """Without a stored device nothing names one (JS may send ``"DEVICE_KEY": null``)."""
    phone_user(boto, pool, "alice")
    sent: list[dict[str, Any]] = []
    sdk_pool = sdk()
    original = sdk_pool._transport.send

    def spy(call: Any) -> Any:
        sent.append(drop_none(call.payload))  # what the transport puts on the wire
        return original(call)

    sdk_pool._transport.send = spy  # type: ignore[method-assign]
    user = CognitoUser("alice", sdk_pool)
    sign_in(user)
    user.refresh_session()
    assert sent and not any("DEVICE_KEY" in json.dumps(payload) for payload in sent)
    with pytest.raises(ValueError, match="no remembered device"):
        user.get_device()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_async_device_story(pool: PoolIds, boto: Any, clock: FakeClock) -> None:
    tracking_pool(boto, pool)
    phone_user(boto, pool, "alice")
    ids, storage = pool, MemoryStorage()
    async with AsyncCognitoUserPool(
        ids.user_pool_id, ids.client_id, ids.endpoint, storage, clock=clock
    ) as sdk:
        user = AsyncCognitoUser("alice", sdk)
        details = AuthenticationDetails("alice", STRONG_PASSWORD)
        result = await user.authenticate_user(details)
        assert isinstance(result, AsyncSmsMfaChallenge)
        code = latest_code(ids.endpoint, ids.user_pool_id, "alice")
        assert isinstance(await result.answer(code), CognitoUserSession)
        assert user.get_cached_device_key_and_password() is not None
        before = sms_count(ids, "alice")
        again = sdk.get_current_user()
        assert again is not None
        assert isinstance(await again.authenticate_user(details), CognitoUserSession)
        assert sms_count(ids, "alice") == before
        device = await again.get_device()
        assert device.remembered
        assert [d.key async for d in again.iter_devices(page_size=1)] == [device.key]
        assert (await again.list_devices(5)).devices[0].key == device.key
        assert await again.set_device_status_not_remembered() == "SUCCESS"
        assert await again.set_device_status_remembered() == "SUCCESS"
        clock.advance(3700)
        assert (await again.get_session()).is_valid()
        assert await again.forget_device() == "SUCCESS"
        assert again.get_cached_device_key_and_password() is None
