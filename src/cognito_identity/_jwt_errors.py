"""Why a JWT was refused: the exceptions of :mod:`cognito_identity.verify`.

::

    CognitoError
    └── JwtVerificationError            a token was refused (or could not be checked)
        ├── JwtParseError               not a compact JWS of JSON objects
        ├── JwtInvalidSignatureError    bad signature, or alg/kty/use not RS256 RSA signing
        ├── JwtExpiredError             exp is past (beyond the clock tolerance)
        ├── JwtNotBeforeError           nbf or iat is in the future (beyond the tolerance)
        ├── JwtInvalidIssuerError       iss is not the pool's issuer
        ├── JwtInvalidTokenUseError     token_use is not the expected "id" / "access"
        ├── JwtInvalidAudienceError     aud (ID token) is not an accepted client id
        ├── JwtInvalidClientIdError     client_id (access token) is not an accepted client id
        ├── JwtInvalidGroupError        none of the required cognito:groups
        ├── JwtInvalidScopeError        none of the required scopes
        ├── JwtCustomCheckError         your custom check refused the token
        ├── KidNotFoundInJwksError      no key with the token's kid in the pool's JWKS
        │   └── WaitPeriodNotYetEndedError  ...and the JWKS was fetched too recently to refetch
        ├── JwksNotAvailableInCacheError    verify_sync() without the JWKS in the cache
        └── JwksFetchError              the JWKS could not be fetched or is malformed

Each message says in one line which claim or condition failed. ``code`` is the class name.
"""

from __future__ import annotations

from .errors import CognitoError


class JwtVerificationError(CognitoError):
    """Root of the verifier's errors: the token must not be trusted."""


class JwtParseError(JwtVerificationError):
    """The token is not three base64url parts whose first two are JSON objects."""


class JwtInvalidSignatureError(JwtVerificationError):
    """The signature does not match, or the algorithm or key type is not the one allowed."""


class JwtExpiredError(JwtVerificationError):
    """The ``exp`` claim is in the past (clock tolerance included)."""


class JwtNotBeforeError(JwtVerificationError):
    """The ``nbf`` or ``iat`` claim is in the future (clock tolerance included)."""


class JwtInvalidIssuerError(JwtVerificationError):
    """The ``iss`` claim is not the expected issuer."""


class JwtInvalidTokenUseError(JwtVerificationError):
    """The ``token_use`` claim is not the expected one (``id`` or ``access``)."""


class JwtInvalidAudienceError(JwtVerificationError):
    """The ``aud`` claim of an ID token is not one of the accepted client ids."""


class JwtInvalidClientIdError(JwtVerificationError):
    """The ``client_id`` claim of an access token is not one of the accepted client ids."""


class JwtInvalidGroupError(JwtVerificationError):
    """The ``cognito:groups`` claim holds none of the required groups."""


class JwtInvalidScopeError(JwtVerificationError):
    """The ``scope`` claim holds none of the required scopes."""


class JwtCustomCheckError(JwtVerificationError):
    """The custom check returned ``False`` or raised (the cause is chained)."""


class KidNotFoundInJwksError(JwtVerificationError):
    """The pool's JWKS has no key with the token's ``kid``, even after a refetch."""


class WaitPeriodNotYetEndedError(KidNotFoundInJwksError):
    """The ``kid`` is unknown and the JWKS was fetched too recently to fetch it again."""


class JwksNotAvailableInCacheError(JwtVerificationError):
    """``verify_sync`` needs the JWKS in the cache (call ``hydrate()`` or ``cache_jwks()``)."""


class JwksFetchError(JwtVerificationError):
    """The JWKS could not be fetched (network, HTTP status) or is not a valid JWKS."""


__all__ = [
    "JwksFetchError",
    "JwksNotAvailableInCacheError",
    "JwtCustomCheckError",
    "JwtExpiredError",
    "JwtInvalidAudienceError",
    "JwtInvalidClientIdError",
    "JwtInvalidGroupError",
    "JwtInvalidIssuerError",
    "JwtInvalidScopeError",
    "JwtInvalidSignatureError",
    "JwtInvalidTokenUseError",
    "JwtNotBeforeError",
    "JwtParseError",
    "JwtVerificationError",
    "KidNotFoundInJwksError",
    "WaitPeriodNotYetEndedError",
]
