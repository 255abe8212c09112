"""Use case 17: integrating user pools with Cognito Identity (identity pools).

JS: ``userPool.getCurrentUser().getSession(...)`` ("You are now logged in."), then
``AWS.config.credentials = new AWS.CognitoIdentityCredentials({IdentityPoolId, Logins:
{'cognito-idp.<region>.amazonaws.com/<pool id>': idToken}})`` and ``credentials.refresh``
("Successfully logged!"). In Python ``logins_for`` builds that key from the token's issuer, and
``boto3_session()`` hands the credentials to boto3, refreshed when they expire.
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import IdentityCredentials
from cognito_identity.identity import logins_for


def main() -> IdentityCredentials | None:
    """Temporary AWS credentials for the current user; returns them."""
    setup = env(identity_pool=True)
    pool = setup.pool()
    signed_in_user(setup, pool)

    user = pool.get_current_user()
    if user is None:
        return None
    session = user.get_session()
    print("You are now logged in.")
    # A callable for logins: each refresh of the credentials uses a fresh ID token.
    credentials = setup.credentials(lambda: logins_for(user.get_session().id_token.jwt_token))
    result = credentials.refresh()  # GetId + GetCredentialsForIdentity
    print("Successfully logged!")
    print("identity:", result.identity_id, "| valid until:", result.expiration.isoformat())
    # s3 = credentials.boto3_session().client("s3")
    assert session.is_valid()
    return result


if __name__ == "__main__":
    main()
