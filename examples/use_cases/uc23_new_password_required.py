"""Use case 23: signing in a user created with AdminCreateUser, who must set a new password.

JS: ``authenticateUser`` with ``newPasswordRequired(userAttributes, requiredAttributes)`` (which
deletes ``email_verified``, "the api doesn't accept this field back", and keeps the attributes
in a global), then ``cognitoUser.completeNewPasswordChallenge(newPassword,
sessionUserAttributes)``. In Python the sign-in returns a ``NewPasswordChallenge``; keep it as
long as you like and call ``complete`` on it. Only the attributes you pass are sent.
"""

from __future__ import annotations

from _setup import env, invited_user, new_password

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserSession,
    NewPasswordChallenge,
)


def main() -> CognitoUserSession:
    """Sign in with the temporary password, then set a new one; returns the session."""
    setup = env()
    username, temporary_password = invited_user(setup, email="invited@example.com")
    user = CognitoUser(username, setup.pool())

    result = user.authenticate_user(AuthenticationDetails(username, temporary_password))
    assert isinstance(result, NewPasswordChallenge)
    print("challenge:", result.challenge_name)
    print("current attributes:", sorted(result.user_attributes))
    print("required attributes:", result.required_attributes)

    required = {name: "..." for name in result.required_attributes}  # ask the user for these
    session = result.complete(new_password(), required)
    assert isinstance(session, CognitoUserSession)  # or an MFA challenge, as in use case 27
    print("new password set; signed in as", session.id_token.payload["cognito:username"])
    return session


if __name__ == "__main__":
    main()
