"""Use case 12: starting and completing a forgot-password flow for an unauthenticated user.

JS: ``cognitoUser.forgotPassword({onSuccess, onFailure, inputVerificationCode(data) {...
cognitoUser.confirmPassword(code, newPassword, {onSuccess() {console.log('Password
confirmed!')}, ...})}})``. In Python ``forgot_password()`` returns where the code went, and
``confirm_password()`` takes the code and the new password.
"""

from __future__ import annotations

from _setup import confirmed_user, env, new_password

from cognito_identity import CognitoUser


def main() -> str:
    """Reset a password with the emailed code; returns ``'SUCCESS'``."""
    setup = env()
    username, _ = confirmed_user(setup)
    user = CognitoUser(username, setup.pool())  # no session needed

    delivery = user.forgot_password()
    print("Code sent to:", delivery.destination, "by", delivery.delivery_medium)
    result = user.confirm_password(setup.code_for(username), new_password())
    print("Password confirmed!")
    return result


if __name__ == "__main__":
    main()
