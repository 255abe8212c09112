"""Use case 3: resending the confirmation code to an unconfirmed user.

JS: ``cognitoUser.resendConfirmationCode(callback)``, then
``console.log('call result: ' + result)``.
"""

from __future__ import annotations

from typing import Any

from _setup import env, new_password, new_username

from cognito_identity import CognitoUser


def main() -> dict[str, Any]:
    """Sign up, then ask for the code again; returns the answer (``CodeDeliveryDetails``)."""
    setup = env()
    pool = setup.pool()
    username = new_username()
    pool.sign_up(username, new_password(), {"email": f"{username}@example.com"})

    result = CognitoUser(username, pool).resend_confirmation_code()
    print("call result:", result)
    return result


if __name__ == "__main__":
    main()
