"""Use case 30: signing in with the USER_PASSWORD_AUTH flow (the password is sent over TLS).

JS: ``cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH')``, then ``authenticateUser``
with ``mfaRequired(codeDeliveryDetails) {cognitoUser.sendMFACode(verificationCode, this)}``.
Here the user prefers SMS MFA, so the sign-in returns an ``SmsMfaChallenge``.
"""

from __future__ import annotations

from _setup import confirmed_user, env

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserSession,
    SmsMfaChallenge,
)


def main() -> CognitoUserSession:
    """Sign in with USER_PASSWORD_AUTH and an SMS code; returns the session."""
    setup = env(mfa="OPTIONAL")
    username, password = confirmed_user(setup, phone_number="+15555555555")
    user = CognitoUser(username, setup.pool())
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    details = AuthenticationDetails(username, password)
    user.authenticate_user(details)
    user.set_user_mfa_preference({"PreferredMfa": True, "Enabled": True}, None)  # use case 28
    user.sign_out()

    result = user.authenticate_user(details)
    if isinstance(result, SmsMfaChallenge):  # mfaRequired
        print("code sent by", result.medium, "to", result.destination)
        result = result.answer(setup.code_for(username))  # sendMFACode
    assert isinstance(result, CognitoUserSession)
    print("signed in:", result.is_valid())
    return result


if __name__ == "__main__":
    main()
