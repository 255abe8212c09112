"""GlobalSignOut, AdminUserGlobalSignOut, RevokeToken and DeleteUser: revocation is real."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from botocore.exceptions import ClientError

from cognito_identity.server.store.schema import aliases, codes, refresh_tokens, users

from ..conftest import FakeClock, PoolIds
from .helpers import confirmed_user, error_of, password_login, srp_login
from .pool_helpers import ALL_FLOWS, client_secret, make_pool

REVOKED_ACCESS = ("NotAuthorizedException", "Access Token has been revoked")
REVOKED_REFRESH = ("NotAuthorizedException", "Refresh Token has been revoked")


def _error(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def _refresh(boto: Any, pool: PoolIds, token: str) -> Any:
    return boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": token},
    )


def _update(boto: Any, token: str) -> Any:
    return boto.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "name", "Value": "Alice"}]
    )


def _assert_refused(boto: Any, pool: PoolIds, tokens: dict[str, Any]) -> None:
    assert _error(boto.get_user, AccessToken=tokens["AccessToken"]) == REVOKED_ACCESS
    assert _error(_update, boto, tokens["AccessToken"]) == REVOKED_ACCESS
    assert _error(boto.global_sign_out, AccessToken=tokens["AccessToken"]) == REVOKED_ACCESS
    assert _error(_refresh, boto, pool, tokens["RefreshToken"]) == REVOKED_REFRESH


def test_global_sign_out_ends_every_session(boto: Any, pool: PoolIds, clock: FakeClock) -> None:
    confirmed_user(boto, pool, "alice")
    first, second = srp_login(boto, pool, "alice"), password_login(boto, pool, "alice")
    refreshed = _refresh(boto, pool, first["RefreshToken"])["AuthenticationResult"]
    clock.advance(2)
    boto.global_sign_out(AccessToken=second["AccessToken"])
    _assert_refused(boto, pool, first)
    _assert_refused(boto, pool, second)
    assert _error(boto.get_user, AccessToken=refreshed["AccessToken"]) == REVOKED_ACCESS
    fresh = password_login(boto, pool, "alice")  # signing in again works at once
    assert boto.get_user(AccessToken=fresh["AccessToken"])["Username"] == "alice"
    assert _refresh(boto, pool, fresh["RefreshToken"])["AuthenticationResult"]


def test_sign_in_right_after_a_global_sign_out_in_the_same_second(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    old = password_login(boto, pool, "alice")
    boto.global_sign_out(AccessToken=old["AccessToken"])
    fresh = password_login(boto, pool, "alice")
    assert boto.get_user(AccessToken=fresh["AccessToken"])["Username"] == "alice"
    assert _error(boto.get_user, AccessToken=old["AccessToken"]) == REVOKED_ACCESS


def test_admin_user_global_sign_out(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    tokens = srp_login(boto, pool, "alice")
    boto.admin_user_global_sign_out(UserPoolId=pool.user_pool_id, Username="ALICE")
    _assert_refused(boto, pool, tokens)
    assert (
        _error(boto.admin_user_global_sign_out, UserPoolId=pool.user_pool_id, Username="nobody")[0]
        == "UserNotFoundException"
    )


def test_revoke_token_revokes_one_sign_in_only(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    revoked, kept = srp_login(boto, pool, "alice"), srp_login(boto, pool, "alice")
    minted = _refresh(boto, pool, revoked["RefreshToken"])["AuthenticationResult"]
    boto.revoke_token(Token=revoked["RefreshToken"], ClientId=pool.client_id)
    _assert_refused(boto, pool, revoked)
    assert _error(boto.get_user, AccessToken=minted["AccessToken"]) == REVOKED_ACCESS
    assert boto.get_user(AccessToken=kept["AccessToken"])["Username"] == "alice"
    assert _refresh(boto, pool, kept["RefreshToken"])["AuthenticationResult"]
    # Revoking again, or a token the server never issued, is not an error (RFC 7009).
    boto.revoke_token(Token=revoked["RefreshToken"], ClientId=pool.client_id)
    boto.revoke_token(Token="not-a-real-token", ClientId=pool.client_id)


def test_revoke_token_refuses_jwts_and_other_clients_tokens(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    tokens = srp_login(boto, pool, "alice")
    error = _error(boto.revoke_token, Token=tokens["AccessToken"], ClientId=pool.client_id)
    assert error[0] == "UnsupportedTokenTypeException"
    other = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id, ClientName="other", ExplicitAuthFlows=ALL_FLOWS
    )["UserPoolClient"]["ClientId"]
    error = _error(boto.revoke_token, Token=tokens["RefreshToken"], ClientId=other)
    assert error[0] == "UnauthorizedException"
    assert _refresh(boto, pool, tokens["RefreshToken"])["AuthenticationResult"]


def test_revoke_token_needs_revocation_enabled(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, client={"EnableTokenRevocation": False})
    confirmed_user(boto, pool, "alice")
    tokens = password_login(boto, pool, "alice")
    error = _error(boto.revoke_token, Token=tokens["RefreshToken"], ClientId=pool.client_id)
    assert error[0] == "UnsupportedOperationException"


def test_revoke_token_checks_the_client_secret(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, client={"GenerateSecret": True})
    error = _error(boto.revoke_token, Token="x", ClientId=pool.client_id, ClientSecret="w" * 51)
    assert error[0] == "UnauthorizedException"
    boto.revoke_token(Token="x", ClientId=pool.client_id, ClientSecret=client_secret(boto, pool))


def test_delete_user_removes_everything(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, AliasAttributes=["email"])
    confirmed_user(boto, pool, "alice")
    tokens = password_login(boto, pool, "alice@example.com")
    boto.delete_user(AccessToken=tokens["AccessToken"])
    error = _error(boto.get_user, AccessToken=tokens["AccessToken"])
    assert error == ("UserNotFoundException", "User does not exist.")
    assert _error(_refresh, boto, pool, tokens["RefreshToken"])[0] == "NotAuthorizedException"
    with live_server.engine.connect() as conn:
        for table in (users, aliases, codes, refresh_tokens):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    confirmed_user(boto, pool, "alice")  # the name and the email are free again
