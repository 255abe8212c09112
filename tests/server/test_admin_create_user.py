"""AdminCreateUser -> invitation -> NEW_PASSWORD_REQUIRED -> tokens (or MFA), over boto3."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds
from .helpers import error_of, password_login, srp_answer, srp_login, srp_responses, srp_start
from .mfa_helpers import PHONE, messages, respond, set_mfa, start_password

TEMPORARY = "Temp-Passw0rd!"
NEW = "N3w-Password!"


def _create(boto: Any, pool: PoolIds, username: str = "alice", **extra: Any) -> Any:
    attributes = extra.pop(
        "UserAttributes",
        [
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    return boto.admin_create_user(
        UserPoolId=pool.user_pool_id, Username=username, UserAttributes=attributes, **extra
    )["User"]


def _invited_password(pool: PoolIds, username: str) -> str:
    sent = messages(pool, username)[0]
    assert sent["kind"] == "admin_create_user" and sent["code"] is None
    found = re.search(r"temporary password is (\S+)\.$", sent["message"])
    assert found, sent["message"]
    return found.group(1)


@pytest.fixture
def name_pool(boto: Any, live_server: Any) -> PoolIds:
    """A pool where ``name`` is required and ``nickname`` immutable."""
    created = boto.create_user_pool(
        PoolName="admin-pool",
        Schema=[{"Name": "name", "Required": True}, {"Name": "nickname", "Mutable": False}],
    )
    pool_id = created["UserPool"]["Id"]
    client = boto.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="c",
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )
    return PoolIds(pool_id, client["UserPoolClient"]["ClientId"], live_server.endpoint)


def test_admin_created_user_sets_a_new_password(boto: Any, name_pool: PoolIds) -> None:
    user = _create(boto, name_pool, TemporaryPassword=TEMPORARY, DesiredDeliveryMediums=["EMAIL"])
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD" and user["Enabled"] is True
    assert {a["Name"] for a in user["Attributes"]} >= {"sub", "email", "email_verified"}
    assert _invited_password(name_pool, "alice") == TEMPORARY
    assert messages(name_pool, "alice")[0]["destination"] == "alice@example.com"
    challenge = start_password(boto, name_pool, "alice", TEMPORARY)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    params = challenge["ChallengeParameters"]
    assert json.loads(params["userAttributes"]) == {"email": "alice@example.com"}
    assert json.loads(params["requiredAttributes"]) == ["userAttributes.name"]
    session = challenge["Session"]
    with pytest.raises(ClientError) as excinfo:
        respond(
            boto, name_pool, "NEW_PASSWORD_REQUIRED", session, USERNAME="alice", NEW_PASSWORD=NEW
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Invalid attributes given, name is missing",
    )
    with pytest.raises(ClientError) as excinfo:
        respond(
            boto, name_pool, "NEW_PASSWORD_REQUIRED", session,
            USERNAME="alice", NEW_PASSWORD="weak", **{"userAttributes.name": "Alice"},
        )  # fmt: skip
    assert error_of(excinfo)[0] == "InvalidPasswordException"
    result = respond(
        boto, name_pool, "NEW_PASSWORD_REQUIRED", session,
        USERNAME="alice", NEW_PASSWORD=NEW, **{"userAttributes.name": "Alice"},
    )  # fmt: skip
    access = result["AuthenticationResult"]["AccessToken"]
    attributes = {
        a["Name"]: a["Value"] for a in boto.get_user(AccessToken=access)["UserAttributes"]
    }
    assert attributes["name"] == "Alice"
    admin = boto.admin_get_user(UserPoolId=name_pool.user_pool_id, Username="alice")
    assert admin["UserStatus"] == "CONFIRMED"
    assert "AccessToken" in srp_login(boto, name_pool, "alice", NEW)
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, name_pool, "alice", TEMPORARY)
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_generated_password_meets_the_policy_and_works_with_srp(boto: Any, pool: PoolIds) -> None:
    _create(boto, pool, DesiredDeliveryMediums=["EMAIL"])
    password = _invited_password(pool, "alice")
    assert len(password) >= 12
    assert re.search(r"[A-Z]", password) and re.search(r"[a-z]", password)
    assert re.search(r"[0-9]", password) and re.search(r"[^A-Za-z0-9]", password)
    client, challenge = srp_start(boto, pool, "alice")
    answer = srp_answer(
        boto, pool, srp_responses(pool, client, challenge, password), challenge["Session"]
    )
    assert answer["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert json.loads(answer["ChallengeParameters"]["requiredAttributes"]) == []
    result = respond(
        boto, pool, "NEW_PASSWORD_REQUIRED", answer["Session"], USERNAME="alice", NEW_PASSWORD=NEW
    )
    assert "RefreshToken" in result["AuthenticationResult"]


def test_immutable_attribute_can_not_be_changed(boto: Any, name_pool: PoolIds) -> None:
    attributes = [{"Name": "nickname", "Value": "al"}, {"Name": "name", "Value": "Alice"}]
    _create(boto, name_pool, TemporaryPassword=TEMPORARY, UserAttributes=attributes)
    session = start_password(boto, name_pool, "alice", TEMPORARY)["Session"]
    with pytest.raises(ClientError) as excinfo:
        respond(
            boto, name_pool, "NEW_PASSWORD_REQUIRED", session,
            USERNAME="alice", NEW_PASSWORD=NEW, **{"userAttributes.nickname": "bob"},
        )  # fmt: skip
    assert error_of(excinfo)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        respond(
            boto, name_pool, "NEW_PASSWORD_REQUIRED", session,
            USERNAME="alice", NEW_PASSWORD=NEW, **{"userAttributes.email_verified": "true"},
        )  # fmt: skip
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_suppress_and_resend(boto: Any, pool: PoolIds) -> None:
    _create(boto, pool, TemporaryPassword=TEMPORARY, MessageAction="SUPPRESS")
    assert messages(pool, "alice") == []
    boto.admin_create_user(UserPoolId=pool.user_pool_id, Username="alice", MessageAction="RESEND")
    resent = _invited_password(pool, "alice")
    assert resent != TEMPORARY
    with pytest.raises(ClientError):
        password_login(boto, pool, "alice", TEMPORARY)
    assert start_password(boto, pool, "alice", resent)["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_resend_needs_an_invited_user(boto: Any, pool: PoolIds) -> None:
    from .helpers import confirmed_user

    confirmed_user(boto, pool, "bob")
    with pytest.raises(ClientError) as excinfo:
        boto.admin_create_user(UserPoolId=pool.user_pool_id, Username="bob", MessageAction="RESEND")
    assert error_of(excinfo)[0] == "UnsupportedUserStateException"


def test_existing_user_and_weak_temporary_password(boto: Any, pool: PoolIds) -> None:
    _create(boto, pool, TemporaryPassword=TEMPORARY)
    with pytest.raises(ClientError) as excinfo:
        _create(boto, pool, TemporaryPassword=TEMPORARY)
    assert error_of(excinfo) == ("UsernameExistsException", "User account already exists")
    with pytest.raises(ClientError) as excinfo:
        _create(boto, pool, "bob", TemporaryPassword="short")
    assert error_of(excinfo)[0] == "InvalidPasswordException"


def test_temporary_password_expires(boto: Any, live_server: Any, clock: Any) -> None:
    pool_id = boto.create_user_pool(
        PoolName="p", Policies={"PasswordPolicy": {"TemporaryPasswordValidityDays": 1}}
    )["UserPool"]["Id"]
    client_id = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    pool = PoolIds(pool_id, client_id, live_server.endpoint)
    _create(boto, pool, TemporaryPassword=TEMPORARY)
    clock.advance(86400 - 10)
    assert (
        start_password(boto, pool, "alice", TEMPORARY)["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    )
    clock.advance(20)
    with pytest.raises(ClientError) as excinfo:
        start_password(boto, pool, "alice", TEMPORARY)
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "Temporary password has expired and must be reset by an administrator.",
    )


def test_new_password_then_mfa(boto: Any, pool: PoolIds) -> None:
    set_mfa(boto, pool, "ON", "sms")
    attributes = [{"Name": "phone_number", "Value": PHONE}]
    _create(
        boto, pool, TemporaryPassword=TEMPORARY, UserAttributes=attributes, MessageAction="SUPPRESS"
    )
    session = start_password(boto, pool, "alice", TEMPORARY)["Session"]
    mfa = respond(
        boto, pool, "NEW_PASSWORD_REQUIRED", session, USERNAME="alice", NEW_PASSWORD=STRONG_PASSWORD
    )
    assert mfa["ChallengeName"] == "SMS_MFA"
    code = messages(pool, "alice")[0]["code"]
    result = respond(boto, pool, "SMS_MFA", mfa["Session"], USERNAME="alice", SMS_MFA_CODE=code)
    assert "AccessToken" in result["AuthenticationResult"]
