"""Use case 15: global sign-out of an authenticated user (invalidates every issued token).

JS: ``cognitoUser.globalSignOut(callback)`` (``onSuccess('SUCCESS')``).
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import errors


def main() -> str:
    """Sign out everywhere; returns ``'SUCCESS'``."""
    setup = env()
    user = signed_in_user(setup, setup.pool())
    refresh_token = user.get_session().get_refresh_token()

    result = user.global_sign_out()
    print("call result: " + result)
    try:
        user.refresh_session(refresh_token)  # every refresh token of the user is revoked
    except errors.NotAuthorizedException as exc:
        print("old refresh token refused:", exc.message)
    return result


if __name__ == "__main__":
    main()
