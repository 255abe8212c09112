"""Amazon Cognito user pools from Python: a port of ``amazon-cognito-identity-js``.

Example::

    from cognito_identity import AuthenticationDetails, CognitoUserPool

    with CognitoUserPool("us-east-1_AbC123", "1example23456789") as pool:
        pool.sign_up("alice", "Corr3ct-Horse!", {"email": "alice@example.com"})
        ...
        user = pool.get_current_user()

Every class that calls the network has an ``Async`` twin with the same methods, as coroutines
(``AsyncCognitoUserPool``, ``AsyncCognitoUser``, ``AsyncSmsMfaChallenge``...).

Errors live in :mod:`cognito_identity.errors` (one class per AWS error code); the root and the
local errors are re-exported here.
"""

from ._transport import RetryPolicy
from ._version import __version__
from .async_user import AsyncCognitoUser
from .attributes import CognitoUserAttribute
from .auth_details import AuthenticationDetails
from .challenges import (
    AsyncAuthResult,
    AsyncCustomChallenge,
    AsyncEmailOtpChallenge,
    AsyncMfaSetupChallenge,
    AsyncNewPasswordChallenge,
    AsyncSelectMfaTypeChallenge,
    AsyncSmsMfaChallenge,
    AsyncTotpChallenge,
    AuthResult,
    CustomChallenge,
    EmailOtpChallenge,
    MfaSetupChallenge,
    NewPasswordChallenge,
    SelectMfaTypeChallenge,
    SmsMfaChallenge,
    SoftwareTokenAssociation,
    TotpChallenge,
)
from .cookies import CookieStorage
from .delivery import CodeDeliveryDetails, UpdateAttributesResult
from .devices import Device, DevicePage, RememberedDevice
from .errors import (
    CognitoError,
    CognitoServiceError,
    InvalidResponseError,
    NetworkError,
    NotAuthenticatedError,
    UnsupportedChallengeError,
)
from .identity import (
    AsyncCognitoIdentityCredentials,
    CognitoIdentityCredentials,
    IdentityCredentials,
)
from .pool import AsyncCognitoUserPool, CognitoUserPool, SignUpResult
from .storage import FileStorage, MemoryStorage, Storage
from .tokens import CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUserSession
from .user import CognitoUser
from .verify import AsyncCognitoJwtVerifier, CognitoJwtVerifier, JwtVerificationError

__all__ = [
    "AsyncAuthResult",
    "AsyncCognitoIdentityCredentials",
    "AsyncCognitoJwtVerifier",
    "AsyncCognitoUser",
    "AsyncCognitoUserPool",
    "AsyncCustomChallenge",
    "AsyncEmailOtpChallenge",
    "AsyncMfaSetupChallenge",
    "AsyncNewPasswordChallenge",
    "AsyncSelectMfaTypeChallenge",
    "AsyncSmsMfaChallenge",
    "AsyncTotpChallenge",
    "AuthResult",
    "AuthenticationDetails",
    "CodeDeliveryDetails",
    "CognitoAccessToken",
    "CognitoError",
    "CognitoIdToken",
    "CognitoIdentityCredentials",
    "CognitoJwtVerifier",
    "CognitoRefreshToken",
    "CognitoServiceError",
    "CognitoUser",
    "CognitoUserAttribute",
    "CognitoUserPool",
    "CognitoUserSession",
    "CookieStorage",
    "CustomChallenge",
    "Device",
    "DevicePage",
    "EmailOtpChallenge",
    "FileStorage",
    "IdentityCredentials",
    "InvalidResponseError",
    "JwtVerificationError",
    "MemoryStorage",
    "MfaSetupChallenge",
    "NetworkError",
    "NewPasswordChallenge",
    "NotAuthenticatedError",
    "RememberedDevice",
    "RetryPolicy",
    "SelectMfaTypeChallenge",
    "SignUpResult",
    "SmsMfaChallenge",
    "SoftwareTokenAssociation",
    "Storage",
    "TotpChallenge",
    "UnsupportedChallengeError",
    "UpdateAttributesResult",
    "__version__",
]
