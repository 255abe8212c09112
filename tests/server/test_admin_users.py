"""Admin user management over boto3: delete, attributes, disable/enable, passwords."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .helpers import confirmed_user, error_of, password_login
from .mfa_helpers import messages

NEW = "N3w-Passw0rd!"


def _get(boto: Any, pool: PoolIds, username: str) -> Any:
    return boto.admin_get_user(UserPoolId=pool.user_pool_id, Username=username)


def _attributes(boto: Any, pool: PoolIds, username: str) -> dict[str, str]:
    listed = _get(boto, pool, username)["UserAttributes"]
    return {item["Name"]: item["Value"] for item in listed}


def _update(boto: Any, pool: PoolIds, username: str, **values: str) -> None:
    boto.admin_update_user_attributes(
        UserPoolId=pool.user_pool_id,
        Username=username,
        UserAttributes=[{"Name": k, "Value": v} for k, v in values.items()],
    )


def test_admin_delete_user(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    tokens = password_login(boto, pool, "alice")
    boto.admin_delete_user(UserPoolId=pool.user_pool_id, Username="alice")
    with pytest.raises(ClientError) as raised:
        _get(boto, pool, "alice")
    assert error_of(raised) == ("UserNotFoundException", "User does not exist.")
    with pytest.raises(ClientError) as raised:
        boto.get_user(AccessToken=tokens["AccessToken"])
    assert error_of(raised)[0] in {"UserNotFoundException", "NotAuthorizedException"}
    with pytest.raises(ClientError) as raised:
        boto.admin_delete_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert error_of(raised)[0] == "UserNotFoundException"


def test_admin_update_attributes_and_verification_flags(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _update(boto, pool, "alice", given_name="Alice")
    assert _attributes(boto, pool, "alice")["given_name"] == "Alice"

    # A new email without its flag: unverified, and a code goes out (email is auto-verified).
    _update(boto, pool, "alice", email="new@example.com")
    values = _attributes(boto, pool, "alice")
    assert values["email"] == "new@example.com" and values["email_verified"] == "false"
    sent = messages(pool, "alice")[0]
    assert sent["destination"] == "new@example.com" and sent["code"]

    # With the flag set to true in the same call: verified at once, no code.
    before = len(messages(pool, "alice"))
    _update(boto, pool, "alice", email="other@example.com", email_verified="true")
    values = _attributes(boto, pool, "alice")
    assert values["email"] == "other@example.com" and values["email_verified"] == "true"
    assert len(messages(pool, "alice")) == before
    assert password_login(boto, pool, "alice")["AccessToken"]

    # The flag alone; and a phone number verified by the administrator.
    _update(boto, pool, "alice", email_verified="false", phone_number="+15555550111")
    _update(boto, pool, "alice", phone_number_verified="true")
    values = _attributes(boto, pool, "alice")
    assert values["email_verified"] == "false" and values["phone_number_verified"] == "true"


def test_admin_update_attribute_errors(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as raised:
        _update(boto, pool, "nobody", name="x")
    assert error_of(raised) == ("UserNotFoundException", "User does not exist.")
    with pytest.raises(ClientError) as raised:
        _update(boto, pool, "alice", **{"custom:missing": "x"})
    assert error_of(raised) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:missing: "
        "Attribute does not exist in the schema.",
    )
    with pytest.raises(ClientError) as raised:
        _update(boto, pool, "alice", sub="x")
    assert error_of(raised)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        _update(boto, pool, "alice", email_verified="yes")
    assert error_of(raised)[0] == "InvalidParameterException"


def test_admin_delete_user_attributes(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _update(boto, pool, "alice", given_name="Alice", phone_number="+15555550111")
    boto.admin_delete_user_attributes(
        UserPoolId=pool.user_pool_id,
        Username="alice",
        UserAttributeNames=["given_name", "phone_number"],
    )
    values = _attributes(boto, pool, "alice")
    assert "given_name" not in values and "phone_number" not in values
    assert "phone_number_verified" not in values
    with pytest.raises(ClientError) as raised:
        boto.admin_delete_user_attributes(
            UserPoolId=pool.user_pool_id, Username="alice", UserAttributeNames=["sub"]
        )
    assert error_of(raised)[0] == "InvalidParameterException"


def test_disable_and_enable(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    tokens = password_login(boto, pool, "alice")
    boto.admin_disable_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert _get(boto, pool, "alice")["Enabled"] is False

    with pytest.raises(ClientError) as raised:
        password_login(boto, pool, "alice")
    assert error_of(raised) == ("NotAuthorizedException", "User is disabled.")
    with pytest.raises(ClientError) as raised:
        boto.initiate_auth(
            ClientId=pool.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
        )
    assert error_of(raised) == ("NotAuthorizedException", "User is disabled.")
    with pytest.raises(ClientError) as raised:
        boto.get_user(AccessToken=tokens["AccessToken"])
    assert error_of(raised) == ("NotAuthorizedException", "User is disabled.")

    boto.admin_enable_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert _get(boto, pool, "alice")["Enabled"] is True
    assert password_login(boto, pool, "alice")["AccessToken"]
    with pytest.raises(ClientError) as raised:
        boto.admin_disable_user(UserPoolId=pool.user_pool_id, Username="nobody")
    assert error_of(raised)[0] == "UserNotFoundException"


def test_set_password_permanent(boto: Any, pool: PoolIds) -> None:
    boto.admin_create_user(UserPoolId=pool.user_pool_id, Username="bob", MessageAction="SUPPRESS")
    assert _get(boto, pool, "bob")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    boto.admin_set_user_password(
        UserPoolId=pool.user_pool_id, Username="bob", Password=NEW, Permanent=True
    )
    assert _get(boto, pool, "bob")["UserStatus"] == "CONFIRMED"
    assert password_login(boto, pool, "bob", NEW)["AccessToken"]
    with pytest.raises(ClientError) as raised:
        boto.admin_set_user_password(
            UserPoolId=pool.user_pool_id, Username="bob", Password="weak", Permanent=True
        )
    assert error_of(raised)[0] == "InvalidPasswordException"


def test_set_password_temporary(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    boto.admin_set_user_password(UserPoolId=pool.user_pool_id, Username="alice", Password=NEW)
    assert _get(boto, pool, "alice")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    with pytest.raises(ClientError):
        password_login(boto, pool, "alice")  # the old password is gone
    started = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": NEW},
    )
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    done = boto.respond_to_auth_challenge(
        ClientId=pool.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": STRONG_PASSWORD + "2"},
    )
    assert done["AuthenticationResult"]["IdToken"]
    assert _get(boto, pool, "alice")["UserStatus"] == "CONFIRMED"


def test_reset_required_flow(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    boto.admin_reset_user_password(UserPoolId=pool.user_pool_id, Username="alice")
    assert _get(boto, pool, "alice")["UserStatus"] == "RESET_REQUIRED"
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")

    for password in (STRONG_PASSWORD, "Wrong-Passw0rd!"):
        with pytest.raises(ClientError) as raised:
            password_login(boto, pool, "alice", password)
        assert error_of(raised) == (
            "PasswordResetRequiredException",
            "Password reset required for the user",
        )

    boto.confirm_forgot_password(
        ClientId=pool.client_id, Username="alice", ConfirmationCode=code, Password=NEW
    )
    assert _get(boto, pool, "alice")["UserStatus"] == "CONFIRMED"
    assert password_login(boto, pool, "alice", NEW)["AccessToken"]


def test_reset_needs_a_verified_channel(boto: Any, pool: PoolIds) -> None:
    boto.admin_create_user(UserPoolId=pool.user_pool_id, Username="bob", MessageAction="SUPPRESS")
    with pytest.raises(ClientError) as raised:
        boto.admin_reset_user_password(UserPoolId=pool.user_pool_id, Username="bob")
    assert error_of(raised) == (
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number",
    )
    with pytest.raises(ClientError) as raised:
        boto.admin_reset_user_password(UserPoolId=pool.user_pool_id, Username="nobody")
    assert error_of(raised)[0] == "UserNotFoundException"


def test_create_user_force_alias_creation(boto: Any, live_server: Any) -> None:
    pool_id = boto.create_user_pool(PoolName="alias", AliasAttributes=["email"])["UserPool"]["Id"]
    verified = [
        {"Name": "email", "Value": "shared@example.com"},
        {"Name": "email_verified", "Value": "true"},
    ]
    boto.admin_create_user(
        UserPoolId=pool_id, Username="first", UserAttributes=verified, MessageAction="SUPPRESS"
    )
    with pytest.raises(ClientError) as raised:
        boto.admin_create_user(
            UserPoolId=pool_id, Username="second", UserAttributes=verified, MessageAction="SUPPRESS"
        )
    assert error_of(raised) == (
        "AliasExistsException",
        "An account with the given email already exists.",
    )
    boto.admin_create_user(
        UserPoolId=pool_id,
        Username="second",
        UserAttributes=verified,
        MessageAction="SUPPRESS",
        ForceAliasCreation=True,
    )
    owner = boto.admin_get_user(UserPoolId=pool_id, Username="shared@example.com")
    assert owner["Username"] == "second"
    first = boto.admin_get_user(UserPoolId=pool_id, Username="first")["UserAttributes"]
    assert {"Name": "email_verified", "Value": "false"} in first


def test_create_user_delivery_mediums(boto: Any, pool: PoolIds) -> None:
    boto.admin_create_user(
        UserPoolId=pool.user_pool_id,
        Username="carol",
        UserAttributes=[
            {"Name": "email", "Value": "carol@example.com"},
            {"Name": "phone_number", "Value": "+15555550122"},
        ],
        DesiredDeliveryMediums=["EMAIL", "SMS"],
    )
    sent = {m["medium"]: m["destination"] for m in messages(pool, "carol")}
    assert sent == {"EMAIL": "carol@example.com", "SMS": "+15555550122"}
    boto.admin_create_user(
        UserPoolId=pool.user_pool_id, Username="carol", MessageAction="RESEND"
    )  # an invited user: a new temporary password, sent again
    assert len(messages(pool, "carol")) == 3
