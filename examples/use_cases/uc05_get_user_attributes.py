"""Use case 5: retrieving the attributes of an authenticated user.

JS: ``cognitoUser.getUserAttributes(callback)``, then for each one
``console.log('attribute ' + getName() + ' has value ' + getValue())``.
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import CognitoUserAttribute


def main() -> list[CognitoUserAttribute]:
    """Returns the attributes (GetUser)."""
    setup = env()
    user = signed_in_user(setup, setup.pool(), nickname="joe")

    attributes = user.get_user_attributes()
    for attribute in attributes:
        print(f"attribute {attribute.get_name()} has value {attribute.get_value()}")
    return attributes


if __name__ == "__main__":
    main()
