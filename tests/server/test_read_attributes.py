"""An app client's ReadAttributes: what GetUser, its ID tokens and NEW_PASSWORD_REQUIRED show.

Two clients of one pool: ``reader`` (ReadAttributes email and name) and ``open`` (none, so it
reads everything but developer-only attributes). Administrators (AdminGetUser) see it all.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds
from .helpers import error_of, password_login
from .mfa_helpers import start_password
from .pool_helpers import ALL_FLOWS, attributes_of

TEMPORARY = "Temp-Passw0rd!"
ATTRIBUTES = {
    "email": "alice@example.com",
    "email_verified": "true",
    "name": "Alice",
    "locale": "fr",
    "custom:team": "blue",
    "dev:custom:secret": "hidden",
}
# Token claims that are not user attributes (always there).
NOT_ATTRIBUTES = {"iss", "aud", "token_use", "auth_time", "exp", "iat", "jti", "origin_jti"}
NOT_ATTRIBUTES |= {"event_id", "cognito:username", "sub"}


@dataclass(frozen=True)
class Clients:
    reader: PoolIds
    open: PoolIds


def _client(boto: Any, pool_id: str, endpoint: str, **settings: Any) -> PoolIds:
    created = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=ALL_FLOWS, **settings
    )
    return PoolIds(pool_id, created["UserPoolClient"]["ClientId"], endpoint)


@pytest.fixture
def clients(boto: Any, live_server: Any) -> Clients:
    pool_id = boto.create_user_pool(
        PoolName="read-pool",
        Schema=[
            {"Name": "team", "AttributeDataType": "String"},
            {"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True},
        ],
    )["UserPool"]["Id"]
    endpoint = live_server.endpoint
    return Clients(
        reader=_client(boto, pool_id, endpoint, ReadAttributes=["email", "name"]),
        open=_client(boto, pool_id, endpoint),
    )


def _create(boto: Any, pool: PoolIds, temporary: bool = False) -> str:
    """Alice with every attribute of ATTRIBUTES; signed in with a permanent password unless
    ``temporary``. Returns her sub."""
    created = boto.admin_create_user(
        UserPoolId=pool.user_pool_id,
        Username="alice",
        TemporaryPassword=TEMPORARY,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in ATTRIBUTES.items()],
    )["User"]
    if not temporary:
        boto.admin_set_user_password(
            UserPoolId=pool.user_pool_id, Username="alice", Password=STRONG_PASSWORD, Permanent=True
        )
    return next(a["Value"] for a in created["Attributes"] if a["Name"] == "sub")


def _payload(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


def _attribute_claims(id_token: str) -> dict[str, Any]:
    return {k: v for k, v in _payload(id_token).items() if k not in NOT_ATTRIBUTES}


def test_get_user_shows_only_readable_attributes_and_always_sub(
    boto: Any, clients: Clients
) -> None:
    sub = _create(boto, clients.reader)
    token = password_login(boto, clients.reader, "alice")["AccessToken"]
    assert attributes_of(boto, token) == {
        "sub": sub,
        "email": "alice@example.com",
        "name": "Alice",
    }
    listed = boto.get_user(AccessToken=token)["UserAttributes"]
    assert listed[0] == {"Name": "sub", "Value": sub}


def test_get_user_without_read_attributes_shows_every_attribute(
    boto: Any, clients: Clients
) -> None:
    sub = _create(boto, clients.open)
    token = password_login(boto, clients.open, "alice")["AccessToken"]
    # Developer-only attributes too: clients may read them, only not write them.
    assert attributes_of(boto, token) == {"sub": sub, **ATTRIBUTES}


def test_id_tokens_carry_only_readable_attributes(boto: Any, clients: Clients) -> None:
    sub = _create(boto, clients.reader)
    result = password_login(boto, clients.reader, "alice")
    assert _attribute_claims(result["IdToken"]) == {"email": "alice@example.com", "name": "Alice"}
    claims = _payload(result["IdToken"])
    assert claims["sub"] == sub and claims["aud"] == clients.reader.client_id
    assert claims["cognito:username"] == "alice" and claims["token_use"] == "id"
    refreshed = boto.initiate_auth(
        ClientId=clients.reader.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]},
    )["AuthenticationResult"]
    assert _attribute_claims(refreshed["IdToken"]) == {
        "email": "alice@example.com",
        "name": "Alice",
    }

    opened = password_login(boto, clients.open, "alice")
    assert _attribute_claims(opened["IdToken"]) == {
        "email": "alice@example.com",
        "email_verified": True,
        "name": "Alice",
        "locale": "fr",
        "custom:team": "blue",
        "dev:custom:secret": "hidden",
    }


def test_custom_and_verification_attributes_are_readable_when_listed(
    boto: Any, clients: Clients
) -> None:
    listed = ["email", "email_verified", "custom:team", "dev:custom:secret"]
    pool = _client(boto, clients.open.user_pool_id, clients.open.endpoint, ReadAttributes=listed)
    sub = _create(boto, pool)
    result = password_login(boto, pool, "alice")
    shown = {
        "email": "alice@example.com",
        "email_verified": "true",
        "custom:team": "blue",
        "dev:custom:secret": "hidden",
    }
    assert attributes_of(boto, result["AccessToken"]) == {"sub": sub, **shown}
    assert _attribute_claims(result["IdToken"]) == {**shown, "email_verified": True}


def test_new_password_challenge_shows_only_readable_attributes(boto: Any, clients: Clients) -> None:
    _create(boto, clients.reader, temporary=True)
    challenge = start_password(boto, clients.reader, "alice", TEMPORARY)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    shown = json.loads(challenge["ChallengeParameters"]["userAttributes"])
    assert shown == {"email": "alice@example.com", "name": "Alice"}

    challenge = start_password(boto, clients.open, "alice", TEMPORARY)
    shown = json.loads(challenge["ChallengeParameters"]["userAttributes"])
    assert shown == {
        "email": "alice@example.com",
        "name": "Alice",
        "locale": "fr",
        "custom:team": "blue",
        "dev:custom:secret": "hidden",
    }


def test_admin_get_user_is_not_filtered(boto: Any, clients: Clients) -> None:
    sub = _create(boto, clients.reader)
    got = boto.admin_get_user(UserPoolId=clients.reader.user_pool_id, Username="alice")
    assert {a["Name"]: a["Value"] for a in got["UserAttributes"]} == {"sub": sub, **ATTRIBUTES}


def test_clients_cannot_write_developer_only_attributes(boto: Any, clients: Clients) -> None:
    _create(boto, clients.open)
    token = password_login(boto, clients.open, "alice")["AccessToken"]
    with pytest.raises(ClientError) as raised:
        boto.update_user_attributes(
            AccessToken=token, UserAttributes=[{"Name": "dev:custom:secret", "Value": "x"}]
        )
    assert error_of(raised) == (
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
    )
    boto.admin_update_user_attributes(
        UserPoolId=clients.open.user_pool_id,
        Username="alice",
        UserAttributes=[{"Name": "dev:custom:secret", "Value": "changed"}],
    )
    got = boto.admin_get_user(UserPoolId=clients.open.user_pool_id, Username="alice")
    assert {"Name": "dev:custom:secret", "Value": "changed"} in got["UserAttributes"]
