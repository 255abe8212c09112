"""Use case 8: updating the attributes of an authenticated user.

JS: ``cognitoUser.updateAttributes([new CognitoUserAttribute({Name: 'nickname', Value:
'joe'})], callback)``, then ``console.log('call result: ' + result)``.
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import CognitoUserAttribute


def main() -> str:
    """Set ``nickname`` to ``joe``; returns ``'SUCCESS'``."""
    setup = env()
    user = signed_in_user(setup, setup.pool())

    attributes = [CognitoUserAttribute("nickname", "joe")]  # or {"nickname": "joe"}
    result = user.update_attributes(attributes)
    print("call result: " + result.result)
    # As in JS the tokens are refreshed afterwards, so the ID token shows the change:
    print("nickname in the ID token:", user.get_session().id_token.payload["nickname"])
    return result.result


if __name__ == "__main__":
    main()
