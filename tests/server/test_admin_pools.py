"""UpdateUserPool / UpdateUserPoolClient reset semantics and AddCustomAttributes, over boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import PoolIds
from .helpers import error_of, sign_up


def test_update_user_pool_resets_what_is_left_out(boto: Any) -> None:
    pool_id = boto.create_user_pool(
        PoolName="p",
        AutoVerifiedAttributes=["email"],
        AliasAttributes=["email"],
        EmailVerificationSubject="Old subject",
        Schema=[{"Name": "team", "AttributeDataType": "String"}],
        Policies={"PasswordPolicy": {"MinimumLength": 12}},
    )["UserPool"]["Id"]
    boto.update_user_pool(UserPoolId=pool_id, DeletionProtection="ACTIVE")
    pool = boto.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["DeletionProtection"] == "ACTIVE"
    assert "AutoVerifiedAttributes" not in pool  # reset, as Cognito does
    assert "EmailVerificationSubject" not in pool
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 8  # back to the default
    # What only CreateUserPool sets is kept.
    assert pool["Name"] == "p" and pool["AliasAttributes"] == ["email"]
    assert any(item["Name"] == "custom:team" for item in pool["SchemaAttributes"])


def test_update_user_pool_client_resets_what_is_left_out(boto: Any, pool: PoolIds) -> None:
    client = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="c",
        GenerateSecret=True,
        AccessTokenValidity=5,
        TokenValidityUnits={"AccessToken": "hours"},
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email"],
    )["UserPoolClient"]
    updated = boto.update_user_pool_client(
        UserPoolId=pool.user_pool_id, ClientId=client["ClientId"], IdTokenValidity=30
    )["UserPoolClient"]
    assert updated["IdTokenValidity"] == 30
    assert updated["AccessTokenValidity"] == 60  # reset
    assert updated["TokenValidityUnits"]["AccessToken"] == "minutes"
    assert "ExplicitAuthFlows" not in updated and "ReadAttributes" not in updated
    assert updated["ClientName"] == "c"  # the name and the secret stay
    assert updated["ClientSecret"] == client["ClientSecret"]


def test_add_custom_attributes_then_sign_up(boto: Any, pool: PoolIds) -> None:
    boto.add_custom_attributes(
        UserPoolId=pool.user_pool_id,
        CustomAttributes=[
            {"Name": "team", "AttributeDataType": "String"},
            {"Name": "level", "AttributeDataType": "Number", "Mutable": True},
        ],
    )
    schema = boto.describe_user_pool(UserPoolId=pool.user_pool_id)["UserPool"]["SchemaAttributes"]
    assert {"custom:team", "custom:level"} <= {item["Name"] for item in schema}

    attributes = [
        {"Name": "email", "Value": "dana@example.com"},
        {"Name": "custom:team", "Value": "blue"},
    ]
    sign_up(boto, pool, "dana", UserAttributes=attributes)
    got = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="dana")["UserAttributes"]
    assert {"Name": "custom:team", "Value": "blue"} in got

    with pytest.raises(ClientError) as raised:
        boto.add_custom_attributes(
            UserPoolId=pool.user_pool_id,
            CustomAttributes=[{"Name": "team", "AttributeDataType": "String"}],
        )
    assert error_of(raised) == (
        "InvalidParameterException",
        "Existing attribute already has name custom:team.",
    )


def test_custom_attribute_limit(boto: Any, pool: PoolIds) -> None:
    batch = [{"Name": f"a{i}", "AttributeDataType": "String"} for i in range(25)]
    boto.add_custom_attributes(UserPoolId=pool.user_pool_id, CustomAttributes=batch)
    batch = [{"Name": f"b{i}", "AttributeDataType": "String"} for i in range(25)]
    boto.add_custom_attributes(UserPoolId=pool.user_pool_id, CustomAttributes=batch)
    with pytest.raises(ClientError) as raised:
        boto.add_custom_attributes(
            UserPoolId=pool.user_pool_id,
            CustomAttributes=[{"Name": "one_more", "AttributeDataType": "String"}],
        )
    assert error_of(raised)[0] == "LimitExceededException"
    with pytest.raises(ClientError) as raised:
        boto.add_custom_attributes(
            UserPoolId="us-east-1_missing",
            CustomAttributes=[{"Name": "x", "AttributeDataType": "String"}],
        )
    assert error_of(raised)[0] == "ResourceNotFoundException"
