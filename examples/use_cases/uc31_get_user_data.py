"""Use case 31: retrieving the user data of an authenticated user.

JS: ``cognitoUser.getUserData(callback)`` (cached in storage after the first call), and
``getUserData(callback, {bypassCache: true})`` to fetch it from the pool again.
"""

from __future__ import annotations

from typing import Any

from _setup import env, signed_in_user


def main() -> dict[str, Any]:
    """Returns the user data (GetUser's answer)."""
    setup = env()
    user = signed_in_user(setup, setup.pool())

    user_data = user.get_user_data()
    print("User data for user", user_data["Username"])
    for attribute in user_data["UserAttributes"]:
        print(f"  {attribute['Name']} = {attribute['Value']}")
    fresh = user.get_user_data(bypass_cache=True)  # from the pool, tokens refreshed too
    print("refetched:", fresh["Username"] == user_data["Username"])
    return fresh


if __name__ == "__main__":
    main()
