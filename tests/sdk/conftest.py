"""Fixtures of the SDK's live challenge tests (tests/sdk/test_challenges.py and
test_challenge_state.py): a pool with optional MFA, and fresh SDK pool objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cognito_identity import CognitoUserPool, MemoryStorage
from tests.conftest import FakeClock, PoolIds

from .mfa_pools import create_pool, set_mfa


@pytest.fixture
def optional_mfa(boto: Any, live_server: Any) -> PoolIds:
    """MFA OPTIONAL, with SMS, TOTP and email codes offered."""
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "OPTIONAL")
    return ids


@pytest.fixture
def make_sdk(clock: FakeClock) -> Iterator[Any]:
    made: list[CognitoUserPool] = []

    def make(ids: PoolIds) -> CognitoUserPool:
        sdk = CognitoUserPool(
            ids.user_pool_id, ids.client_id, ids.endpoint, MemoryStorage(), clock=clock
        )
        made.append(sdk)
        return sdk

    yield make
    for sdk in made:
        sdk.close()
