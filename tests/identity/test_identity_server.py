"""The identity pool operations of the local server, through boto3's cognito-identity client."""

from __future__ import annotations

import re
from typing import Any

import botocore.exceptions
import httpx
import pytest

from cognito_identity.tokens import decode_jwt_payload

from ..conftest import FakeClock, PoolIds
from .conftest import create_identity_pool, id_token, provider_name

IDENTITY_ID = re.compile(r"us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")


def _error(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**params)
    error = caught.value.response["Error"]
    return str(error["Code"]), str(error["Message"])


def _credentials(identity_boto: Any, pool: PoolIds, pool_id: str, token: str) -> Any:
    logins = {provider_name(pool): token}
    identity_id = identity_boto.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    return identity_boto.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)


def test_create_and_describe(identity_boto: Any, pool: PoolIds, identity_pool_id: str) -> None:
    assert IDENTITY_ID.fullmatch(identity_pool_id)
    described = identity_boto.describe_identity_pool(IdentityPoolId=identity_pool_id)
    assert described["IdentityPoolName"] == "test identities"
    assert described["AllowUnauthenticatedIdentities"] is False
    assert described["CognitoIdentityProviders"] == [
        {"ProviderName": provider_name(pool), "ClientId": pool.client_id}
    ]


def test_get_id_is_stable_per_user(
    identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str
) -> None:
    token = id_token(boto, pool)
    logins = {provider_name(pool): token}
    first = identity_boto.get_id(IdentityPoolId=identity_pool_id, Logins=logins)["IdentityId"]
    again = identity_boto.get_id(IdentityPoolId=identity_pool_id, Logins=logins)["IdentityId"]
    other = identity_boto.get_id(
        IdentityPoolId=identity_pool_id, Logins={provider_name(pool): id_token(boto, pool)}
    )["IdentityId"]
    assert IDENTITY_ID.fullmatch(first) and first == again != other


def test_credentials_are_local_and_last_an_hour(
    identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str, clock: FakeClock
) -> None:
    answer = _credentials(identity_boto, pool, identity_pool_id, id_token(boto, pool))
    credentials = answer["Credentials"]
    assert re.fullmatch(r"ASIALOCAL[A-Z0-9]{11}", credentials["AccessKeyId"])
    assert len(credentials["SecretKey"]) == 40
    assert credentials["SessionToken"].startswith("cognito-identity-local/")
    assert abs(credentials["Expiration"].timestamp() - (clock() + 3600)) < 2


def test_refused_tokens(
    identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str, clock: FakeClock
) -> None:
    token = id_token(boto, pool)
    get_id = identity_boto.get_id
    provider = provider_name(pool)
    head, _, signature = token.rpartition(".")
    tampered = f"{head}.{signature[::-1]}"
    cases = [
        ({provider: tampered}, "Couldn't verify signed token"),
        ({provider: "not-a-jwt"}, "Not a valid OpenId Connect identity token"),
        ({"127.0.0.1:1/us-east-1_Other123": token}, "not from a supported provider"),
    ]
    for logins, message in cases:
        code, text = _error(get_id, IdentityPoolId=identity_pool_id, Logins=logins)
        assert code == "NotAuthorizedException" and message in text
    clock.advance(3600)
    code, text = _error(get_id, IdentityPoolId=identity_pool_id, Logins={provider: token})
    assert code == "NotAuthorizedException" and "Token expired" in text


def test_access_token_is_not_a_login(
    identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str
) -> None:
    token = id_token(boto, pool)
    username = decode_jwt_payload(token)["cognito:username"]
    access = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": "Corr3ct-Horse!"},
    )["AuthenticationResult"]["AccessToken"]
    code, _ = _error(
        identity_boto.get_id, IdentityPoolId=identity_pool_id, Logins={provider_name(pool): access}
    )
    assert code == "NotAuthorizedException"


def test_other_pool_and_other_client_are_refused(
    identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str
) -> None:
    other_pool = boto.create_user_pool(PoolName="other")["UserPool"]["Id"]
    other_client = boto.create_user_pool_client(
        UserPoolId=other_pool,
        ClientName="c",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    other = PoolIds(other_pool, other_client, pool.endpoint)
    foreign = id_token(boto, other)
    # The other pool's token under this pool's provider name: the issuer does not match.
    code, text = _error(
        identity_boto.get_id, IdentityPoolId=identity_pool_id, Logins={provider_name(pool): foreign}
    )
    assert code == "NotAuthorizedException" and "Issuer doesn't match" in text
    code, text = _error(
        identity_boto.get_id,
        IdentityPoolId=identity_pool_id,
        Logins={provider_name(other): foreign},
    )
    assert code == "NotAuthorizedException" and "supported provider" in text
    second_client = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="second",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    token = id_token(boto, PoolIds(pool.user_pool_id, second_client, pool.endpoint))
    code, text = _error(
        identity_boto.get_id, IdentityPoolId=identity_pool_id, Logins={provider_name(pool): token}
    )
    assert code == "NotAuthorizedException" and "Incorrect token audience" in text


def test_logins_must_match_the_identity(
    identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str
) -> None:
    alice = {provider_name(pool): id_token(boto, pool)}
    bob = {provider_name(pool): id_token(boto, pool)}
    alice_id = identity_boto.get_id(IdentityPoolId=identity_pool_id, Logins=alice)["IdentityId"]
    for logins in (bob, {}):
        code, text = _error(
            identity_boto.get_credentials_for_identity, IdentityId=alice_id, Logins=logins
        )
        assert code == "NotAuthorizedException" and "Logins don't match" in text
    assert identity_boto.get_credentials_for_identity(IdentityId=alice_id, Logins=alice)


def test_unauthenticated_identities(
    identity_boto: Any, pool: PoolIds, identity_pool_id: str
) -> None:
    code, text = _error(identity_boto.get_id, IdentityPoolId=identity_pool_id)
    assert code == "NotAuthorizedException" and "Unauthenticated access" in text
    open_pool = create_identity_pool(identity_boto, pool, AllowUnauthenticatedIdentities=True)
    guest = identity_boto.get_id(IdentityPoolId=open_pool)["IdentityId"]
    answer = identity_boto.get_credentials_for_identity(IdentityId=guest)
    assert answer["Credentials"]["AccessKeyId"].startswith("ASIALOCAL")
    token = identity_boto.get_open_id_token(IdentityId=guest)["Token"]
    assert decode_jwt_payload(token)["amr"] == ["unauthenticated"]


def test_open_id_token(identity_boto: Any, boto: Any, pool: PoolIds, identity_pool_id: str) -> None:
    logins = {provider_name(pool): id_token(boto, pool)}
    identity_id = identity_boto.get_id(IdentityPoolId=identity_pool_id, Logins=logins)["IdentityId"]
    answer = identity_boto.get_open_id_token(IdentityId=identity_id, Logins=logins)
    claims = decode_jwt_payload(answer["Token"])
    assert (claims["sub"], claims["aud"]) == (identity_id, identity_pool_id)
    assert claims["amr"] == ["authenticated", provider_name(pool)]
    assert claims["exp"] - claims["iat"] == 600


def test_unknown_pool_and_identity(identity_boto: Any, identity_pool_id: str) -> None:
    missing = "us-east-1:00000000-0000-4000-8000-000000000000"
    for call, params in [
        (identity_boto.get_id, {"IdentityPoolId": missing}),
        (identity_boto.describe_identity_pool, {"IdentityPoolId": missing}),
        (identity_boto.get_credentials_for_identity, {"IdentityId": missing}),
        (identity_boto.get_open_id_token, {"IdentityId": missing}),
    ]:
        assert _error(call, **params)[0] == "ResourceNotFoundException"
    identity_boto.delete_identity_pool(IdentityPoolId=identity_pool_id)
    code, _ = _error(identity_boto.describe_identity_pool, IdentityPoolId=identity_pool_id)
    assert code == "ResourceNotFoundException"


def test_bad_input_is_a_400(identity_boto: Any, live_server: Any) -> None:
    code, text = _error(identity_boto.get_id, IdentityPoolId="not an id")
    assert code == "InvalidParameterException" and "identityPoolId" in text
    code, _ = _error(identity_boto.list_identity_pools, MaxResults=10)
    assert code == "UnsupportedOperationException"
    for body in (b"[]", b"{", b'{"IdentityPoolId": 5}', b'{"Logins": {"a": 1}}'):
        response = httpx.post(
            live_server.endpoint,
            content=body,
            headers={
                "X-Amz-Target": "AWSCognitoIdentityService.GetId",
                "Content-Type": "application/x-amz-json-1.1",
            },
        )
        assert response.status_code == 400, body
    unknown = httpx.post(
        live_server.endpoint,
        content=b"{}",
        headers={"X-Amz-Target": "AWSCognitoIdentityService.Nope"},
    )
    assert unknown.json()["__type"] == "UnknownOperationException"


def test_user_pool_operations_are_unaffected(boto: Any, live_server: Any) -> None:
    # The identity names are not user pool operations and the other way round.
    response = httpx.post(
        live_server.endpoint,
        content=b"{}",
        headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.GetId"},
    )
    assert response.json()["__type"] == "UnknownOperationException"
    assert boto.list_user_pools(MaxResults=5)["UserPools"] is not None
