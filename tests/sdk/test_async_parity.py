"""The async classes mirror the sync ones: same public methods, same parameters, coroutines
where the sync method talks to the network, plain methods for pure accessors."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

import cognito_identity as ci

PAIRS = [
    (ci.CognitoUserPool, ci.AsyncCognitoUserPool),
    (ci.CognitoUser, ci.AsyncCognitoUser),
    (ci.SmsMfaChallenge, ci.AsyncSmsMfaChallenge),
    (ci.EmailOtpChallenge, ci.AsyncEmailOtpChallenge),
    (ci.TotpChallenge, ci.AsyncTotpChallenge),
    (ci.SelectMfaTypeChallenge, ci.AsyncSelectMfaTypeChallenge),
    (ci.MfaSetupChallenge, ci.AsyncMfaSetupChallenge),
    (ci.NewPasswordChallenge, ci.AsyncNewPasswordChallenge),
    (ci.CustomChallenge, ci.AsyncCustomChallenge),
    (ci.CognitoIdentityCredentials, ci.AsyncCognitoIdentityCredentials),
]
#: Sync name -> async name, where they differ.
RENAMED = {"close": "aclose", "__enter__": "__aenter__", "__exit__": "__aexit__"}
#: Methods that never touch the network: plain methods on both sides.
PURE = {
    "get_authentication_flow_type",
    "get_cached_device_key_and_password",
    "get_client_id",
    "get_current_user",
    "get_sign_in_user_session",
    "get_user_pool_id",
    "get_user_pool_name",
    "get_username",
    "resume_challenge",
    "set_authentication_flow_type",
    "set_logins",
    "set_sign_in_user_session",
    "to_state",
}
#: Iterators over pages: a generator on the sync side, an async generator on the async side.
ITERATORS = {"iter_devices"}
#: Sync-only on purpose: boto3 / botocore are sync libraries.
SYNC_ONLY = {"boto3_session", "botocore_credentials"}


def surface(cls: type) -> dict[str, Any]:
    """Public attributes (methods, properties) and the context-manager dunders."""
    names = {name for name in dir(cls) if not name.startswith("_")}
    names |= {name for name in (*RENAMED, *RENAMED.values()) if hasattr(cls, name)}
    return {name: inspect.getattr_static(cls, name) for name in names - SYNC_ONLY}


def parameters(function: Any) -> list[tuple[str, Any, Any]]:
    signature = inspect.signature(function)
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


def ids(pair: tuple[type, type]) -> str:
    return pair[1].__name__


@pytest.mark.parametrize("pair", PAIRS, ids=ids)
def test_same_public_names(pair: tuple[type, type]) -> None:
    sync, async_ = pair
    expected = {RENAMED.get(name, name) for name in surface(sync)}
    assert set(surface(async_)) == expected


@pytest.mark.parametrize("pair", PAIRS, ids=ids)
def test_same_parameters_and_coroutines_where_the_network_is(pair: tuple[type, type]) -> None:
    sync, async_ = pair
    for name, member in surface(sync).items():
        twin = surface(async_)[RENAMED.get(name, name)]
        if isinstance(member, property):
            assert isinstance(twin, property), name
            continue
        assert parameters(member) == parameters(twin), name
        assert not inspect.iscoroutinefunction(member), name
        if name in ITERATORS:
            assert inspect.isgeneratorfunction(member), name
            assert inspect.isasyncgenfunction(twin), name
            continue
        is_io = name not in PURE and not name.startswith("__")
        assert inspect.iscoroutinefunction(twin) == (is_io or name in RENAMED), name


@pytest.mark.parametrize("pair", PAIRS[2:-1], ids=ids)
def test_challenge_twins_have_the_same_fields(pair: tuple[type, type]) -> None:
    sync, async_ = pair
    fields = [(f.name, f.repr, f.compare) for f in dataclasses.fields(sync)]
    assert [(f.name, f.repr, f.compare) for f in dataclasses.fields(async_)] == fields


def test_every_async_class_is_exported_with_its_sync_twin() -> None:
    for name in ci.__all__:
        if name.startswith("Async"):
            assert name.removeprefix("Async") in ci.__all__, name
