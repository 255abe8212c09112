"""AdminInitiateAuth / AdminRespondToAuthChallenge over boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .helpers import confirmed_user, error_of, pool_name, srp_responses
from .mfa_helpers import phone_user, set_mfa


def _admin_login(boto: Any, pool: PoolIds, username: str, **extra: Any) -> Any:
    flow = extra.pop("flow", "ADMIN_USER_PASSWORD_AUTH")
    client_id = extra.pop("client_id", pool.client_id)
    return boto.admin_initiate_auth(
        UserPoolId=pool.user_pool_id,
        ClientId=client_id,
        AuthFlow=flow,
        AuthParameters={"USERNAME": username, "PASSWORD": STRONG_PASSWORD, **extra},
    )


def test_admin_password_auth_and_refresh(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    result = _admin_login(boto, pool, "alice")["AuthenticationResult"]
    assert result["IdToken"] and result["RefreshToken"]
    legacy = _admin_login(boto, pool, "alice", flow="ADMIN_NO_SRP_AUTH")["AuthenticationResult"]
    assert legacy["AccessToken"]
    refreshed = boto.admin_initiate_auth(
        UserPoolId=pool.user_pool_id,
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]},
    )["AuthenticationResult"]
    assert refreshed["AccessToken"] and "RefreshToken" not in refreshed

    with pytest.raises(ClientError) as raised:
        _admin_login(boto, pool, "alice", PASSWORD="Wrong-Passw0rd!")
    assert error_of(raised) == ("NotAuthorizedException", "Incorrect username or password.")


def test_admin_flow_must_be_allowed_and_client_in_pool(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    other = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="srp-only",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"],
    )["UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as raised:
        _admin_login(boto, pool, "alice", client_id=other)
    assert error_of(raised) == (
        "InvalidParameterException",
        "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client",
    )
    second_pool = boto.create_user_pool(PoolName="other")["UserPool"]["Id"]
    with pytest.raises(ClientError) as raised:
        boto.admin_initiate_auth(
            UserPoolId=second_pool,
            ClientId=pool.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": STRONG_PASSWORD},
        )
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_admin_auth_with_sms_mfa(boto: Any, pool: PoolIds) -> None:
    phone_user(boto, pool, "alice")
    set_mfa(boto, pool, "ON", "sms")
    started = _admin_login(boto, pool, "alice")
    assert started["ChallengeName"] == "SMS_MFA"
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")

    with pytest.raises(ClientError) as raised:
        boto.admin_respond_to_auth_challenge(
            UserPoolId=pool.user_pool_id,
            ClientId=pool.client_id,
            ChallengeName="SMS_MFA",
            Session=started["Session"],
            ChallengeResponses={
                "USERNAME": "alice",
                "SMS_MFA_CODE": "000000" if code != "000000" else "111111",  # wrong
            },
        )
    assert error_of(raised)[0] == "CodeMismatchException"

    done = boto.admin_respond_to_auth_challenge(
        UserPoolId=pool.user_pool_id,
        ClientId=pool.client_id,
        ChallengeName="SMS_MFA",
        Session=started["Session"],  # a wrong code leaves the step open
        ChallengeResponses={"USERNAME": "alice", "SMS_MFA_CODE": code},
    )
    assert done["AuthenticationResult"]["IdToken"]


def test_admin_srp_auth(boto: Any, pool: PoolIds) -> None:
    import secrets

    from cognito_identity.protocol.srp import PRIVATE_VALUE_BYTES, SrpClient

    confirmed_user(boto, pool, "alice")
    client = SrpClient.from_random_bytes(secrets.token_bytes(PRIVATE_VALUE_BYTES))
    challenge = boto.admin_initiate_auth(
        UserPoolId=pool.user_pool_id,
        ClientId=pool.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "alice", "SRP_A": client.srp_a},
    )
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER" and pool_name(pool)
    done = boto.admin_respond_to_auth_challenge(
        UserPoolId=pool.user_pool_id,
        ClientId=pool.client_id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=challenge.get("Session", ""),
        ChallengeResponses=srp_responses(pool, client, challenge, STRONG_PASSWORD),
    )
    assert done["AuthenticationResult"]["AccessToken"]


def test_admin_auth_sees_disabled_and_reset_users(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    boto.admin_disable_user(UserPoolId=pool.user_pool_id, Username="alice")
    with pytest.raises(ClientError) as raised:
        _admin_login(boto, pool, "alice")
    assert error_of(raised) == ("NotAuthorizedException", "User is disabled.")
    boto.admin_enable_user(UserPoolId=pool.user_pool_id, Username="alice")
    boto.admin_reset_user_password(UserPoolId=pool.user_pool_id, Username="alice")
    with pytest.raises(ClientError) as raised:
        _admin_login(boto, pool, "alice")
    assert error_of(raised)[0] == "PasswordResetRequiredException"
