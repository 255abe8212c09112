"""Use case 14: signing out from the application.

JS: ``cognitoUser.signOut()``: clears the session and the stored tokens, no network call.
``signOut(callback)`` also revokes the refresh token: ``sign_out(revoke=True)`` here.
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> None:
    """Sign out; the pool then has no current user."""
    setup = env()
    pool = setup.pool()
    user = signed_in_user(setup, pool)
    print("current user before:", pool.get_current_user())

    user.sign_out()  # or user.sign_out(revoke=True): RevokeToken too
    print("current user after:", pool.get_current_user())


if __name__ == "__main__":
    main()
