"""Use case 11: changing the password of an authenticated user.

JS: ``cognitoUser.changePassword('oldPassword', 'newPassword', callback)``, then
``console.log('call result: ' + result)``.
"""

from __future__ import annotations

from _setup import confirmed_user, env, new_password

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserSession


def main() -> str:
    """Change the password, then sign in with the new one; returns ``'SUCCESS'``."""
    setup = env()
    username, old_password = confirmed_user(setup)
    user = CognitoUser(username, setup.pool())
    user.authenticate_user(AuthenticationDetails(username, old_password))

    password = new_password()
    result = user.change_password(old_password, password)
    print("call result: " + result)
    again = user.authenticate_user(AuthenticationDetails(username, password))
    print("signed in with the new password:", isinstance(again, CognitoUserSession))
    return result


if __name__ == "__main__":
    main()
