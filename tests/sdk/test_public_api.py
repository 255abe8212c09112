import subprocess
import sys

import cognito_identity

PUBLIC = [
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


def test_public_surface_is_pinned_and_sorted() -> None:
    assert cognito_identity.__all__ == PUBLIC
    assert sorted(cognito_identity.__all__) == cognito_identity.__all__


def test_public_names_exist_and_belong_to_the_package() -> None:
    for name in cognito_identity.__all__:
        value = getattr(cognito_identity, name)
        if name != "__version__":
            # A union alias (AuthResult) is checked member by member.
            for member in getattr(value, "__args__", (value,)):
                assert member.__module__.startswith("cognito_identity"), name


def test_import_stays_light() -> None:
    code = (
        "import sys, cognito_identity\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'sqlalchemy', 'botocore', 'boto3', 'uvicorn', "
        # Loaded on first use: they are most of the import time (bench/import_time.py).
        "'httpx', 'asyncio', 'gmpy2', 'cryptography', "
        # Needed only to write a token file or to name a new device.
        "'tempfile', 'platform')"
        " or m.startswith('cognito_identity.server')]\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
