"""Use case 16: retrieving the current user from local storage.

JS: ``userPool.getCurrentUser()``, then ``cognitoUser.getSession(callback)`` ("session
validity: true"), ``getUserAttributes`` and ``AWS.CognitoIdentityCredentials`` with the ID
token. Browsers keep the tokens in ``localStorage``; here a ``FileStorage`` (or
``CookieStorage`` on a web server, use case 26) plays that part.

React Native's variant calls ``userPool.storage.sync(callback)`` first, to load AsyncStorage
into memory. Python needs no such step: every store the SDK ships is read synchronously when
asked. For a remote store (Redis...), load the user's keys into a ``MemoryStorage`` before
``get_current_user()`` and write them back after.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from _setup import env, signed_in_user

from cognito_identity import CognitoUserSession, FileStorage
from cognito_identity.identity import logins_for


def main() -> CognitoUserSession | None:
    """Sign in with one pool object, then find the user again with another."""
    setup = env(identity_pool=True)
    storage = FileStorage(Path(tempfile.mkdtemp()) / "tokens.json")
    signed_in_user(setup, setup.pool(storage))  # an earlier run of the app

    pool = setup.pool(storage)  # later, in a new process: only the storage is shared
    user = pool.get_current_user()
    if user is None:
        print("nobody is signed in")
        return None
    session = user.get_session()  # from storage; refreshed if expired
    print("session validity:", session.is_valid())
    print("attributes:", {a.name: a.value for a in user.get_user_attributes()})
    if setup.identity_pool_id:
        credentials = setup.credentials(logins_for(session.id_token.jwt_token))
        print("identity:", credentials.get_credentials().identity_id)
    return session


if __name__ == "__main__":
    main()
