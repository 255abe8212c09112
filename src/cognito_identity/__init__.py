"""Amazon Cognito user pools from Python: a port of ``amazon-cognito-identity-js``.

Example::

    from cognito_identity import AuthenticationDetails, CognitoUserPool

    with CognitoUserPool("us-east-1_AbC123", "1example23456789") as pool:
        pool.sign_up("alice", "Corr3ct-Horse!", {"email": "alice@example.com"})
        ...
        user = pool.get_current_user()

Errors live in :mod:`cognito_identity.errors` (one class per AWS error code); the root and the
local errors are re-exported here.
"""

from ._transport import RetryPolicy
from ._version import __version__
from .attributes import CognitoUserAttribute
from .auth_details import AuthenticationDetails
from .errors import (
    CognitoError,
    CognitoServiceError,
    InvalidResponseError,
    NetworkError,
    NotAuthenticatedError,
    UnsupportedChallengeError,
)
from .pool import CognitoUserPool, SignUpResult
from .storage import FileStorage, MemoryStorage, Storage
from .tokens import CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUserSession
from .user import CognitoUser

__all__ = [
    "AuthenticationDetails",
    "CognitoAccessToken",
    "CognitoError",
    "CognitoIdToken",
    "CognitoRefreshToken",
    "CognitoServiceError",
    "CognitoUser",
    "CognitoUserAttribute",
    "CognitoUserPool",
    "CognitoUserSession",
    "FileStorage",
    "InvalidResponseError",
    "MemoryStorage",
    "NetworkError",
    "NotAuthenticatedError",
    "RetryPolicy",
    "SignUpResult",
    "Storage",
    "UnsupportedChallengeError",
    "__version__",
]
