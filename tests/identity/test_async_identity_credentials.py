"""AsyncCognitoIdentityCredentials against the local server: same calls as the sync twin,
cached, refreshed near expiry, and one fetch shared by concurrent callers."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from cognito_identity import AsyncCognitoIdentityCredentials, IdentityCredentials
from cognito_identity.identity import logins_for

from ..conftest import FakeClock, PoolIds
from .conftest import id_token

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_credentials_cached_shared_and_refreshed(
    boto: Any, identity_boto: Any, pool: PoolIds, identity_pool_id: str, clock: FakeClock
) -> None:
    logins = logins_for(id_token(boto, pool))
    async with AsyncCognitoIdentityCredentials(
        identity_pool_id, logins, endpoint=pool.endpoint, clock=clock
    ) as provider:
        together = await asyncio.gather(*(provider.get_credentials() for _ in range(5)))
        first = together[0]
        assert isinstance(first, IdentityCredentials)
        assert all(credentials is first for credentials in together)  # one fetch, shared
        assert first.access_key_id.startswith("ASIALOCAL")
        same = identity_boto.get_id(IdentityPoolId=identity_pool_id, Logins=logins)
        assert first.identity_id == await provider.get_id() == same["IdentityId"]
        assert await provider.get_credentials() is first  # cached
        clock.advance(3600 - 299)  # within the 5-minute margin
        second = await provider.get_credentials()
        assert second.access_key_id != first.access_key_id
        assert second.identity_id == first.identity_id
        provider.set_logins(logins)
        assert (await provider.refresh()).access_key_id != second.access_key_id
