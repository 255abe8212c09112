"""Use case 2: confirming a registered, unauthenticated user with the code they received.

JS: ``new CognitoUser({Username, Pool}).confirmRegistration('123456', true, callback)``, then
``console.log('call result: ' + result)``.
"""

from __future__ import annotations

from _setup import env, new_password, new_username

from cognito_identity import CognitoUser


def main() -> str:
    """Sign up, then confirm with the code; returns ``'SUCCESS'``."""
    setup = env()
    pool = setup.pool()
    username = new_username()
    pool.sign_up(username, new_password(), {"email": f"{username}@example.com"})

    user = CognitoUser(username, pool)
    code = setup.code_for(username)  # locally: the outbox; on AWS: you type it in
    result = user.confirm_registration(code, force_alias_creation=True)
    print("call result: " + result)
    return result


if __name__ == "__main__":
    main()
