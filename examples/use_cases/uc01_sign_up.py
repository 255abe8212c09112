"""Use case 1: registering a user with the application.

JS: ``userPool.signUp('username', 'password', attributeList, null, callback)`` with
``CognitoUserAttribute`` objects for ``email`` and ``phone_number``, then
``console.log('user name is ' + result.user.getUsername())``.
"""

from __future__ import annotations

from _setup import env, new_password, new_username

from cognito_identity import CognitoUserAttribute


def main() -> str:
    """Sign up a new user; returns the user name."""
    pool = env().pool()  # CognitoUserPool(user_pool_id, client_id)
    attributes = [
        CognitoUserAttribute("email", "email@mydomain.com"),
        CognitoUserAttribute("phone_number", "+15555555555"),
    ]  # or simply {"email": ..., "phone_number": ...}
    result = pool.sign_up(new_username(), new_password(), attributes)
    print("user name is " + result.user.get_username())
    print("confirmed:", result.user_confirmed, "| code sent to:", result.code_delivery_details)
    return result.user.get_username()


if __name__ == "__main__":
    main()
