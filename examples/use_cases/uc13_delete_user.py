"""Use case 13: deleting an authenticated user.

JS: ``cognitoUser.deleteUser(callback)``, then ``console.log('call result: ' + result)``.
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Delete the signed-in user; returns ``'SUCCESS'``."""
    setup = env()
    pool = setup.pool()
    user = signed_in_user(setup, pool)

    result = user.delete_user()
    print("call result: " + result)
    print("current user afterwards:", pool.get_current_user())  # session and tokens cleared
    return result


if __name__ == "__main__":
    main()
