"""Pool and app client management through boto3 against the live server."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from cognito_identity.server.domain.clients import (
    allowed_auth_flows,
    flow_allowed,
    token_validity_seconds,
)
from cognito_identity.server.domain.records import ClientRecord

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


POOL_ID = re.compile(r"us-east-1_[0-9A-Za-z]{9}")


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] < 500
    return error["Code"], error["Message"]


def test_create_user_pool_fills_cognito_defaults(boto: Any) -> None:
    pool = boto.create_user_pool(PoolName="defaults")["UserPool"]
    assert POOL_ID.fullmatch(pool["Id"])
    assert pool["Arn"] == f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool['Id']}"
    assert pool["Name"] == "defaults"
    assert pool["Policies"]["PasswordPolicy"] == {
        "MinimumLength": 8,
        "RequireUppercase": True,
        "RequireLowercase": True,
        "RequireNumbers": True,
        "RequireSymbols": True,
        "TemporaryPasswordValidityDays": 7,
    }
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert pool["VerificationMessageTemplate"]["DefaultEmailOption"] == "CONFIRM_WITH_CODE"
    assert pool["AccountRecoverySetting"]["RecoveryMechanisms"][0]["Name"] == "verified_email"
    assert pool["EstimatedNumberOfUsers"] == 0
    assert isinstance(pool["CreationDate"], datetime)
    assert "UsernameAttributes" not in pool


def test_standard_and_custom_schema_attributes(boto: Any) -> None:
    pool = boto.create_user_pool(
        PoolName="schema",
        Schema=[
            {"Name": "email", "Required": True},
            {"Name": "team", "AttributeDataType": "String", "Mutable": True},
            {"Name": "level", "AttributeDataType": "Number", "DeveloperOnlyAttribute": True},
        ],
    )["UserPool"]
    by_name = {attr["Name"]: attr for attr in pool["SchemaAttributes"]}
    standard = ["sub", "name", "given_name", "family_name", "middle_name", "nickname"]
    standard += ["preferred_username", "profile", "picture", "website", "email"]
    standard += ["email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number"]
    standard += ["phone_number_verified", "address", "updated_at"]
    assert [attr["Name"] for attr in pool["SchemaAttributes"]][:20] == standard
    assert by_name["sub"]["Mutable"] is False and by_name["sub"]["Required"] is True
    assert by_name["email"]["Required"] is True
    assert by_name["email_verified"]["AttributeDataType"] == "Boolean"
    assert by_name["birthdate"]["StringAttributeConstraints"] == {
        "MinLength": "10",
        "MaxLength": "10",
    }
    assert by_name["updated_at"]["AttributeDataType"] == "Number"
    assert by_name["custom:team"]["AttributeDataType"] == "String"
    assert by_name["dev:custom:level"]["DeveloperOnlyAttribute"] is True


def test_required_custom_attributes_are_refused(boto: Any) -> None:
    with pytest.raises(ClientError) as raised:
        boto.create_user_pool(PoolName="p", Schema=[{"Name": "team", "Required": True}])
    assert error_of(raised) == (
        "InvalidParameterException",
        "Required custom attributes are not supported currently.",
    )


def test_alias_and_username_attributes_exclude_each_other(boto: Any) -> None:
    with pytest.raises(ClientError) as raised:
        boto.create_user_pool(PoolName="p", AliasAttributes=["email"], UsernameAttributes=["email"])
    assert error_of(raised)[0] == "InvalidParameterException"


def test_describe_returns_what_create_stored_and_counts_users(boto: Any, live_server: Any) -> None:
    from cognito_identity.server.store.schema import users

    created = boto.create_user_pool(
        PoolName="described",
        AutoVerifiedAttributes=["email"],
        UsernameAttributes=["email"],
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": False}},
        LambdaConfig={"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"},
    )["UserPool"]
    with live_server.engine.begin() as conn:
        conn.execute(
            users.insert().values(
                pool_id=created["Id"],
                username_key="u",
                username="u",
                sub="s",
                status="CONFIRMED",
                enabled=True,
                attributes={},
                mfa={},
                failed_logins=0,
                created_at=0.0,
                updated_at=0.0,
            )
        )
    described = boto.describe_user_pool(UserPoolId=created["Id"])["UserPool"]
    assert described["EstimatedNumberOfUsers"] == 1
    assert {**described, "EstimatedNumberOfUsers": 0} == created
    assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert described["Policies"]["PasswordPolicy"]["RequireSymbols"] is False
    assert described["Policies"]["PasswordPolicy"]["RequireNumbers"] is True
    assert described["UsernameAttributes"] == ["email"]


def test_list_user_pools_paginates(boto: Any) -> None:
    created = {boto.create_user_pool(PoolName=f"p{i}")["UserPool"]["Id"] for i in range(5)}
    seen: list[str] = []
    kwargs: dict[str, Any] = {"MaxResults": 2}
    while True:
        page = boto.list_user_pools(**kwargs)
        assert len(page["UserPools"]) <= 2
        seen += [pool["Id"] for pool in page["UserPools"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert sorted(seen) == sorted(created)
    listed = boto.list_user_pools(MaxResults=60)["UserPools"][0]
    assert set(listed) == {"Id", "Name", "LambdaConfig", "LastModifiedDate", "CreationDate"}


def test_list_user_pools_needs_max_results(boto: Any) -> None:
    from botocore.exceptions import ParamValidationError

    with pytest.raises(ParamValidationError):  # botocore checks the model too
        boto.list_user_pools()


def test_update_user_pool_replaces_settings(boto: Any, clock: Any) -> None:
    pool_id = boto.create_user_pool(PoolName="before", AutoVerifiedAttributes=["email"])[
        "UserPool"
    ]["Id"]
    clock.advance(60)
    boto.update_user_pool(
        UserPoolId=pool_id,
        PoolName="after",
        MfaConfiguration="OPTIONAL",
        # MFA needs a factor, as in Cognito: SMS (nothing is really sent, any role ARN does).
        SmsConfiguration={"SnsCallerArn": "arn:aws:iam::000000000000:role/sms"},
        EmailVerificationSubject="Your code",
    )
    pool = boto.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["Name"] == "after"
    assert pool["MfaConfiguration"] == "OPTIONAL"
    assert "AutoVerifiedAttributes" not in pool  # left out: reset, as in Cognito
    assert pool["VerificationMessageTemplate"]["EmailSubject"] == "Your code"
    assert pool["LastModifiedDate"] > pool["CreationDate"]


def test_missing_pools_are_resource_not_found(boto: Any) -> None:
    for call in (
        lambda: boto.describe_user_pool(UserPoolId="us-east-1_nothere00"),
        lambda: boto.delete_user_pool(UserPoolId="us-east-1_nothere00"),
        lambda: boto.update_user_pool(UserPoolId="us-east-1_nothere00"),
        lambda: boto.create_user_pool_client(UserPoolId="us-east-1_nothere00", ClientName="c"),
        lambda: boto.list_user_pool_clients(UserPoolId="us-east-1_nothere00"),
    ):
        with pytest.raises(ClientError) as raised:
            call()
        assert error_of(raised) == (
            "ResourceNotFoundException",
            "User pool us-east-1_nothere00 does not exist.",
        )


def test_delete_user_pool_removes_everything(boto: Any, pool: Any, live_server: Any) -> None:
    from cognito_identity.server.store.schema import clients, pool_keys

    boto.delete_user_pool(UserPoolId=pool.user_pool_id)
    with pytest.raises(ClientError):
        boto.describe_user_pool(UserPoolId=pool.user_pool_id)
    with live_server.engine.connect() as conn:
        assert conn.execute(clients.select()).all() == []
        assert conn.execute(pool_keys.select()).all() == []


def test_deletion_protection_blocks_delete(boto: Any) -> None:
    pool_id = boto.create_user_pool(PoolName="kept", DeletionProtection="ACTIVE")["UserPool"]["Id"]
    with pytest.raises(ClientError) as raised:
        boto.delete_user_pool(UserPoolId=pool_id)
    assert error_of(raised)[0] == "InvalidParameterException"
    boto.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    boto.delete_user_pool(UserPoolId=pool_id)


# -- app clients -------------------------------------------------------------------------------


@pytest.fixture
def pool_id(boto: Any) -> str:
    return str(boto.create_user_pool(PoolName="clients")["UserPool"]["Id"])


def test_create_client_defaults(boto: Any, pool_id: str) -> None:
    client = boto.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]
    assert re.fullmatch(r"[a-z0-9]{26}", client["ClientId"])
    assert "ClientSecret" not in client
    assert client["UserPoolId"] == pool_id and client["ClientName"] == "web"
    assert (client["AccessTokenValidity"], client["IdTokenValidity"]) == (60, 60)
    assert client["RefreshTokenValidity"] == 30
    assert client["TokenValidityUnits"] == {
        "AccessToken": "minutes",
        "IdToken": "minutes",
        "RefreshToken": "days",
    }
    assert client["PreventUserExistenceErrors"] == "LEGACY"
    assert client["EnableTokenRevocation"] is True
    assert client["AuthSessionValidity"] == 3
    assert "ExplicitAuthFlows" not in client


def test_create_client_with_a_secret(boto: Any, pool_id: str) -> None:
    client = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="server", GenerateSecret=True
    )["UserPoolClient"]
    assert re.fullmatch(r"[a-z0-9]{51}", client["ClientSecret"])
    described = boto.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ClientSecret"] == client["ClientSecret"]
    assert described["UserPoolClient"] == client


def test_client_token_validity_is_checked(boto: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        boto.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="c",
            AccessTokenValidity=2,
            TokenValidityUnits={"AccessToken": "days"},
        )
    assert error_of(raised) == ("InvalidParameterException", "Invalid range for token validity.")


def test_mixing_legacy_and_new_flows_is_refused(boto: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        boto.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="c",
            ExplicitAuthFlows=["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
        )
    assert error_of(raised)[0] == "InvalidParameterException"


def test_client_attributes_must_exist(boto: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        boto.create_user_pool_client(
            UserPoolId=pool_id, ClientName="c", WriteAttributes=["email", "custom:nope"]
        )
    assert error_of(raised) == (
        "InvalidParameterException",
        "Invalid write attributes specified while creating a client",
    )


def test_list_update_and_delete_clients(boto: Any, pool_id: str) -> None:
    ids = [
        boto.create_user_pool_client(UserPoolId=pool_id, ClientName=f"c{i}")["UserPoolClient"][
            "ClientId"
        ]
        for i in range(3)
    ]
    first = boto.list_user_pool_clients(UserPoolId=pool_id, MaxResults=2)
    rest = boto.list_user_pool_clients(UserPoolId=pool_id, NextToken=first["NextToken"])
    listed = first["UserPoolClients"] + rest["UserPoolClients"]
    assert sorted(c["ClientId"] for c in listed) == sorted(ids)
    assert "NextToken" not in rest
    assert set(listed[0]) == {"ClientId", "UserPoolId", "ClientName"}

    updated = boto.update_user_pool_client(
        UserPoolId=pool_id, ClientId=ids[0], ClientName="renamed", AccessTokenValidity=5
    )["UserPoolClient"]
    assert updated["ClientName"] == "renamed" and updated["AccessTokenValidity"] == 5
    assert updated["IdTokenValidity"] == 60  # left out: the default again

    boto.delete_user_pool_client(UserPoolId=pool_id, ClientId=ids[0])
    with pytest.raises(ClientError) as raised:
        boto.describe_user_pool_client(UserPoolId=pool_id, ClientId=ids[0])
    assert error_of(raised) == (
        "ResourceNotFoundException",
        f"User pool client {ids[0]} does not exist.",
    )


def test_a_client_is_only_found_in_its_own_pool(boto: Any, pool_id: str) -> None:
    other = boto.create_user_pool(PoolName="other")["UserPool"]["Id"]
    client_id = boto.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"][
        "ClientId"
    ]
    with pytest.raises(ClientError) as raised:
        boto.describe_user_pool_client(UserPoolId=other, ClientId=client_id)
    assert error_of(raised)[0] == "ResourceNotFoundException"


# -- helpers for the auth operations -----------------------------------------------------------


def record(**config: Any) -> ClientRecord:
    return ClientRecord("id", "us-east-1_x", "c", None, config, 0.0, 0.0)


def test_allowed_auth_flows_defaults_and_legacy_names() -> None:
    default = {"ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
    assert allowed_auth_flows(record()) == default
    assert allowed_auth_flows(record(ExplicitAuthFlows=[])) == default
    assert allowed_auth_flows(record(ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])) == {
        "ALLOW_USER_PASSWORD_AUTH"
    }
    legacy = allowed_auth_flows(
        record(ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"])
    )
    assert legacy == default | {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"}
    custom_only = allowed_auth_flows(record(ExplicitAuthFlows=["CUSTOM_AUTH_FLOW_ONLY"]))
    assert custom_only == {"ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}


def test_flow_allowed_maps_initiate_auth_flows() -> None:
    client = record(
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    assert flow_allowed(client, "ADMIN_USER_PASSWORD_AUTH")
    assert flow_allowed(client, "ADMIN_NO_SRP_AUTH")
    assert flow_allowed(client, "REFRESH_TOKEN")
    assert not flow_allowed(client, "USER_SRP_AUTH")
    assert not flow_allowed(client, "NOT_A_FLOW")


def test_token_validity_seconds_applies_units() -> None:
    assert token_validity_seconds(record()) == (3600, 3600, 30 * 86400)
    client = record(
        AccessTokenValidity=2,
        IdTokenValidity=90,
        RefreshTokenValidity=12,
        TokenValidityUnits={"AccessToken": "hours", "IdToken": "seconds", "RefreshToken": "hours"},
    )
    assert token_validity_seconds(client) == (7200, 90, 43200)
