"""Use case 20: remembering a device.

JS: ``cognitoUser.setDeviceStatusRemembered({onSuccess, onFailure})``, typically from
``onSuccess(result, userConfirmationNecessary)`` when the pool remembers devices only when the
user says so. In Python that flag is ``session.user_confirmation_necessary``.
"""

from __future__ import annotations

from _setup import confirmed_user, env

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserSession


def main() -> str:
    """Sign in, then remember this device; returns ``'SUCCESS'``."""
    setup = env(devices=True)
    username, password = confirmed_user(setup)
    user = CognitoUser(username, setup.pool())

    session = user.authenticate_user(AuthenticationDetails(username, password))
    assert isinstance(session, CognitoUserSession)
    print("ask the user to remember this device:", session.user_confirmation_necessary)
    result = user.set_device_status_remembered()
    print("call result: " + result)
    print("remembered:", user.get_device().remembered)
    return result


if __name__ == "__main__":
    main()
