"""Use case 4: authenticating a user and establishing a session, then AWS credentials.

JS: ``cognitoUser.authenticateUser(authenticationDetails, {onSuccess, onFailure})``; in
``onSuccess`` it reads the access token, builds ``AWS.CognitoIdentityCredentials`` with the ID
token in ``Logins`` and calls ``refresh`` ("Successfully logged!"). In Python the session is
returned and a failure is an exception (``errors.NotAuthorizedException``...).
"""

from __future__ import annotations

from _setup import confirmed_user, env

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserSession
from cognito_identity.identity import logins_for


def main() -> CognitoUserSession:
    """Sign in with SRP; returns the session."""
    setup = env(identity_pool=True)
    username, password = confirmed_user(setup)

    pool = setup.pool()
    user = CognitoUser(username, pool)
    session = user.authenticate_user(AuthenticationDetails(username, password))
    assert isinstance(session, CognitoUserSession)  # else a challenge: see use cases 23, 27, 30
    access_token = session.get_access_token().get_jwt_token()
    print("signed in; access token of", len(access_token), "characters")

    if setup.identity_pool_id:  # Logins: {"cognito-idp.<region>.amazonaws.com/<pool id>": token}
        credentials = setup.credentials(logins_for(session.get_id_token().get_jwt_token()))
        credentials.refresh()  # GetId + GetCredentialsForIdentity
        print("Successfully logged!")  # credentials.boto3_session().client("s3")...
    return session


if __name__ == "__main__":
    main()
