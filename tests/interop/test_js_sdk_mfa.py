"""The OFFICIAL amazon-cognito-identity-js through NEW_PASSWORD_REQUIRED, MFA_SETUP and TOTP.

tests/interop/js/new_password_mfa.js signs in an AdminCreateUser user with its temporary
password (newPasswordRequired -> completeNewPasswordChallenge), sets up an authenticator in
MFA_SETUP (associateSoftwareToken / verifySoftwareToken with the Session), then signs in
again with SOFTWARE_TOKEN_MFA (totpRequired -> sendMFACode).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import STRONG_PASSWORD, PoolIds

pytestmark = pytest.mark.node

TEMPORARY = "Temp-Passw0rd!"


def test_js_sdk_new_password_then_mfa_setup_then_totp(
    run_node: Any, boto: Any, pool: PoolIds, clock: Any
) -> None:
    boto.set_user_pool_mfa_config(
        UserPoolId=pool.user_pool_id,
        MfaConfiguration="ON",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    boto.admin_create_user(
        UserPoolId=pool.user_pool_id,
        Username="js-invited",
        TemporaryPassword=TEMPORARY,
        UserAttributes=[{"Name": "email", "Value": "invited@example.com"}],
        MessageAction="SUPPRESS",
    )
    result = run_node(
        "new_password_mfa.js",
        {
            "endpoint": pool.endpoint,
            "userPoolId": pool.user_pool_id,
            "clientId": pool.client_id,
            "username": "js-invited",
            "temporaryPassword": TEMPORARY,
            "newPassword": STRONG_PASSWORD,
            "now": clock.now,
        },
    )
    assert "crashed" not in result, result
    challenge = result["newPasswordRequired"]
    assert challenge["userAttributes"] == {"email": "invited@example.com"}
    assert challenge["requiredAttributes"] == []
    assert result["mfaSetup"]["name"] == "MFA_SETUP"
    assert result["firstSignIn"] == {"ok": True, "valid": True}, result
    assert result["secondSignIn"] == {"ok": True, "valid": True}, result
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="js-invited")
    assert user["UserStatus"] == "CONFIRMED"
    assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
