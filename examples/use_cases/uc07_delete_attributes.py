"""Use case 7: deleting an attribute of an authenticated user.

JS: ``cognitoUser.deleteAttributes(['nickname'], callback)``, then
``console.log('call result: ' + result)``.
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Delete ``nickname``; returns ``'SUCCESS'``."""
    setup = env()
    user = signed_in_user(setup, setup.pool(), nickname="joe")

    result = user.delete_attributes(["nickname"])
    print("call result: " + result)
    names = [attribute.name for attribute in user.get_user_attributes()]
    print("nickname still there:", "nickname" in names)
    return result


if __name__ == "__main__":
    main()
