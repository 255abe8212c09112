"""Use case 32: handling the expiry of the ID token.

JS: ``if (AWS.config.credentials.needsRefresh()) {cognitoUser.refreshSession(refresh_token,
(err, session) => {credentials.params.Logins[...] = session.getIdToken().getJwtToken();
credentials.refresh(...)})}`` ("TOKEN SUCCESSFULLY UPDATED").

In Python you rarely write this: ``get_session()`` and every method needing a session refresh
expired tokens themselves, and credentials built with a *callable* for logins (use case 17)
take the fresh ID token on each refresh. The explicit steps, as in JS:
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import CognitoUserSession
from cognito_identity.identity import logins_for


def main() -> CognitoUserSession:
    """Refresh the session, then the credentials with the new ID token; returns the session."""
    setup = env(identity_pool=True)
    user = signed_in_user(setup, setup.pool())
    session = user.get_session()
    credentials = setup.credentials(logins_for(session.id_token.jwt_token))
    credentials.get_credentials()

    refresh_token = session.get_refresh_token()  # from cognitoUser.getSession()
    new_session = user.refresh_session(refresh_token)  # REFRESH_TOKEN_AUTH
    print("new ID token, valid:", new_session.is_valid())
    credentials.set_logins(logins_for(new_session.get_id_token().get_jwt_token()))
    credentials.refresh()
    print("TOKEN SUCCESSFULLY UPDATED")
    return new_session


if __name__ == "__main__":
    main()
