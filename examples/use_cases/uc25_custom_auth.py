"""Use case 25: signing in with a passwordless custom flow (CUSTOM_AUTH).

JS: ``cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH')`` then
``cognitoUser.initiateAuth(authenticationDetails, {onSuccess, onFailure,
customChallenge(challengeParameters) {cognitoUser.sendCustomChallengeAnswer('challenge-answer',
this)}})``. In Python ``initiate_auth`` returns a ``CustomChallenge``; ``answer`` returns the
session (or the next challenge). The local pool's triggers are in ``_custom_auth.py``.
"""

from __future__ import annotations

from _setup import confirmed_user, env

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserSession,
    CustomChallenge,
)


def main() -> CognitoUserSession:
    """Answer the pool's question instead of giving a password; returns the session."""
    setup = env(custom_auth=True)
    username, _ = confirmed_user(setup)  # no password below
    user = CognitoUser(username, setup.pool())
    user.set_authentication_flow_type("CUSTOM_AUTH")

    result = user.initiate_auth(AuthenticationDetails(username))
    while isinstance(result, CustomChallenge):
        question = result.parameters["question"]
        print("the pool asks:", question)
        answer = "42" if setup.local else input(question + " ")
        result = result.answer(answer)
    assert isinstance(result, CognitoUserSession)
    print("signed in without a password:", result.is_valid())
    return result


if __name__ == "__main__":
    main()
