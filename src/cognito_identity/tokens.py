"""Tokens of a signed-in user and the session that groups them.

The JWT wrappers decode their payload **without checking the signature**: they are for reading
claims such as ``exp`` or ``email`` on the client. A server that receives a token must verify
it against the pool's JWKS instead.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

Clock = Callable[[], float]


def decode_jwt_payload(token: str) -> dict[str, Any]:
    """The claims of a JWT, unverified; ``{}`` when the token cannot be decoded.

    Accepts the URL-safe and the standard base64 alphabets, with or without padding.
    """
    parts = token.split(".")
    if len(parts) < 2:
        return {}
    segment = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        payload = json.loads(base64.urlsafe_b64decode(segment))
    except (binascii.Error, ValueError):
        return {}
    return payload if isinstance(payload, dict) else {}


def _int_claim(payload: Mapping[str, Any], name: str) -> int | None:
    value = payload.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


@dataclass(frozen=True)
class CognitoJwtToken:
    """A JWT from the pool with its decoded (unverified) payload.

    Attributes:
        jwt_token: the token as issued.
        payload: its claims, ``{}`` if it cannot be decoded.
    """

    jwt_token: str = field(repr=False)
    payload: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "payload", decode_jwt_payload(self.jwt_token))

    def get_jwt_token(self) -> str:
        """The token string (JS ``getJwtToken``)."""
        return self.jwt_token

    def get_expiration(self) -> int | None:
        """The ``exp`` claim in POSIX seconds, ``None`` when absent."""
        return _int_claim(self.payload, "exp")

    def get_issued_at(self) -> int | None:
        """The ``iat`` claim in POSIX seconds, ``None`` when absent."""
        return _int_claim(self.payload, "iat")


class CognitoIdToken(CognitoJwtToken):
    """The ID token: who the user is (``sub``, ``email``, ``cognito:username``...)."""


class CognitoAccessToken(CognitoJwtToken):
    """The access token: sent to the pool (GetUser...) and to your APIs."""


@dataclass(frozen=True)
class CognitoRefreshToken:
    """The opaque refresh token, used to get new ID and access tokens."""

    token: str = field(repr=False)

    def get_token(self) -> str:
        """The token string (JS ``getToken``)."""
        return self.token


@dataclass(frozen=True, init=False)
class CognitoUserSession:
    """The tokens of a signed-in user, plus the clock drift between this host and the pool.

    Args:
        id_token: the ID token.
        access_token: the access token.
        refresh_token: the refresh token, if any.
        clock_drift: local time minus the pool's time, in seconds. ``None`` computes it as
            ``floor(now) - min(access iat, id iat)``, as the JS library does.
        clock: seconds since the epoch; tests inject a fake.
        user_confirmation_necessary: set on the session a sign-in returns when the pool just
            registered this device and remembers it only if the user agrees (the pool's
            ``DeviceOnlyRememberedOnUserPrompt``): ask the user, then call
            ``user.set_device_status_remembered()``. Always ``False`` on a stored session.

    Raises:
        ValueError: ``'Id token and Access Token must be present.'``

    Example::

        session = user.authenticate_user(AuthenticationDetails("alice", password))
        if session.is_valid(margin=60):
            call_api(session.access_token.jwt_token)
    """

    id_token: CognitoIdToken
    access_token: CognitoAccessToken
    refresh_token: CognitoRefreshToken | None
    clock_drift: int
    clock: Clock = field(repr=False, compare=False)
    user_confirmation_necessary: bool = field(default=False, compare=False)

    def __init__(
        self,
        id_token: CognitoIdToken | None,
        access_token: CognitoAccessToken | None,
        refresh_token: CognitoRefreshToken | None = None,
        clock_drift: int | None = None,
        *,
        clock: Clock = time.time,
        user_confirmation_necessary: bool = False,
    ) -> None:
        if id_token is None or access_token is None:
            raise ValueError("Id token and Access Token must be present.")
        fields = {"id_token": id_token, "access_token": access_token, "clock": clock}
        fields["user_confirmation_necessary"] = user_confirmation_necessary
        fields["refresh_token"] = refresh_token
        for name, value in fields.items():
            object.__setattr__(self, name, value)
        drift = self._calculate_clock_drift() if clock_drift is None else clock_drift
        object.__setattr__(self, "clock_drift", drift)

    @classmethod
    def from_authentication_result(
        cls,
        result: Mapping[str, Any],
        *,
        clock: Clock = time.time,
        fallback_refresh_token: CognitoRefreshToken | None = None,
    ) -> CognitoUserSession:
        """A session from an ``AuthenticationResult`` (InitiateAuth or RespondToAuthChallenge).

        ``fallback_refresh_token`` is kept when the result has none (a refresh answer).
        """
        refresh = result.get("RefreshToken")
        return cls(
            CognitoIdToken(str(result.get("IdToken") or "")),
            CognitoAccessToken(str(result.get("AccessToken") or "")),
            CognitoRefreshToken(refresh) if refresh else fallback_refresh_token,
            clock=clock,
        )

    def _calculate_clock_drift(self) -> int:
        issued = [self.access_token.get_issued_at(), self.id_token.get_issued_at()]
        known = [value for value in issued if value is not None]
        return math.floor(self.clock()) - min(known) if known else 0

    def is_valid(self, now: float | None = None, *, margin: float = 0) -> bool:
        """Whether both tokens are unexpired, allowing for the clock drift.

        Nothing is asked of the pool: a revoked token still counts as valid here.

        Args:
            now: the local time to check at (default: the session's clock).
            margin: seconds of life the tokens must still have (0, the JS behaviour). A margin
                of a minute avoids sending a token that expires on the way.
        """
        current = math.floor(self.clock() if now is None else now) - self.clock_drift
        expiries = [self.access_token.get_expiration(), self.id_token.get_expiration()]
        return all(exp is not None and current + margin < exp for exp in expiries)

    def get_id_token(self) -> CognitoIdToken:
        """The ID token (JS ``getIdToken``)."""
        return self.id_token

    def get_access_token(self) -> CognitoAccessToken:
        """The access token (JS ``getAccessToken``)."""
        return self.access_token

    def get_refresh_token(self) -> CognitoRefreshToken | None:
        """The refresh token, if any (JS ``getRefreshToken``)."""
        return self.refresh_token

    def get_clock_drift(self) -> int:
        """Local time minus the pool's time, in seconds (JS ``getClockDrift``)."""
        return self.clock_drift

    def verify(self, verifier: TokenVerifier) -> tuple[dict[str, Any], dict[str, Any]]:
        """Verify both tokens (signature and claims); returns ``(id_claims, access_claims)``.

        Args:
            verifier: a :class:`~cognito_identity.verify.CognitoJwtVerifier` (its ``token_use``
                is overridden: ``"id"`` for the ID token, ``"access"`` for the access token).

        Raises:
            JwtVerificationError: the subclass naming the first check that failed.

        Example::

            verifier = CognitoJwtVerifier(pool_id, token_use=None, client_id=client_id)
            id_claims, access_claims = session.verify(verifier)
        """
        return (
            verifier.verify(self.id_token.jwt_token, token_use="id"),
            verifier.verify(self.access_token.jwt_token, token_use="access"),
        )


class TokenVerifier(Protocol):
    """What :meth:`CognitoUserSession.verify` needs: a sync ``verify(token, **overrides)``."""

    def verify(self, token: str, **overrides: Any) -> dict[str, Any]: ...
