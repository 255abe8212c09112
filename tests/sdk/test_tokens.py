import base64
import json

import pytest

from cognito_identity import (
    CognitoAccessToken,
    CognitoIdToken,
    CognitoRefreshToken,
    CognitoUserSession,
)
from cognito_identity.tokens import decode_jwt_payload

from .helpers import make_jwt

NOW = 1_700_000_000


def session(iat: int = NOW, exp: int = NOW + 3600, **kwargs: object) -> CognitoUserSession:
    return CognitoUserSession(
        CognitoIdToken(make_jwt(iat=iat, exp=exp)),
        CognitoAccessToken(make_jwt(iat=iat, exp=exp)),
        CognitoRefreshToken("r"),
        **kwargs,  # type: ignore[arg-type]
    )


def test_payload_and_getters() -> None:
    token = CognitoAccessToken(make_jwt(iat=10, exp=20, username="alice"))
    assert token.payload == {"iat": 10, "exp": 20, "username": "alice"}
    assert (token.get_issued_at(), token.get_expiration()) == (10, 20)
    assert token.get_jwt_token() == token.jwt_token


def test_payload_decoding_tolerates_padding_and_both_alphabets() -> None:
    claims = {"name": "ÿÿÿ>>>???"}  # encodes to '+' and '/' in standard base64
    standard = base64.b64encode(json.dumps(claims).encode()).decode()
    assert "+" in standard or "/" in standard
    assert decode_jwt_payload(f"h.{standard}.s") == claims
    assert decode_jwt_payload(f"h.{standard.rstrip('=')}.s") == claims


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.!!!.c", "a.bnVsbA.c", "a.WzFd.c"])
def test_undecodable_payload_is_empty(token: str) -> None:
    assert CognitoIdToken(token).payload == {}
    assert CognitoIdToken(token).get_expiration() is None


def test_refresh_token() -> None:
    assert CognitoRefreshToken("opaque").get_token() == "opaque"
    assert "opaque" not in repr(CognitoRefreshToken("opaque"))


def test_clock_drift_is_local_minus_earliest_iat() -> None:
    id_token = CognitoIdToken(make_jwt(iat=NOW - 5, exp=NOW + 100))
    access = CognitoAccessToken(make_jwt(iat=NOW, exp=NOW + 100))
    made = CognitoUserSession(id_token, access, clock=lambda: NOW + 30.7)
    assert made.clock_drift == 35
    assert made.get_clock_drift() == 35


def test_explicit_clock_drift_is_kept() -> None:
    assert session(clock_drift=0, clock=lambda: NOW + 999).clock_drift == 0


def test_is_valid_boundaries() -> None:
    now = [float(NOW)]
    made = session(clock=lambda: now[0])
    assert made.clock_drift == 0
    now[0] = NOW + 3599.9
    assert made.is_valid()
    now[0] = NOW + 3600
    assert not made.is_valid()
    assert made.is_valid(now=NOW + 3599)
    assert not made.is_valid(now=NOW + 3599, margin=1)
    assert made.is_valid(now=NOW + 3598, margin=1)


def test_is_valid_accounts_for_drift() -> None:
    # The local clock runs 100 s ahead of the pool: tokens live 3600 s by the pool's clock.
    made = session(clock=lambda: NOW + 100)
    assert made.clock_drift == 100
    assert made.is_valid(now=NOW + 100 + 3599)
    assert not made.is_valid(now=NOW + 100 + 3600)


def test_missing_exp_is_invalid() -> None:
    made = CognitoUserSession(
        CognitoIdToken(make_jwt(iat=NOW)), CognitoAccessToken(make_jwt(iat=NOW))
    )
    assert not made.is_valid()


def test_tokens_are_required() -> None:
    with pytest.raises(ValueError, match=r"^Id token and Access Token must be present\.$"):
        CognitoUserSession(None, CognitoAccessToken("x"))
    with pytest.raises(ValueError, match="must be present"):
        CognitoUserSession(CognitoIdToken("x"), None)


def test_js_getters_and_attributes_agree() -> None:
    made = session()
    assert made.get_id_token() is made.id_token
    assert made.get_access_token() is made.access_token
    assert made.get_refresh_token() is made.refresh_token


def test_from_authentication_result_keeps_fallback_refresh_token() -> None:
    result = {
        "IdToken": make_jwt(iat=NOW, exp=NOW + 1),
        "AccessToken": make_jwt(iat=NOW, exp=NOW + 1),
    }
    old = CognitoRefreshToken("old")
    made = CognitoUserSession.from_authentication_result(result, fallback_refresh_token=old)
    assert made.refresh_token == old
    result["RefreshToken"] = "new"
    assert CognitoUserSession.from_authentication_result(
        result
    ).refresh_token == CognitoRefreshToken("new")


def test_session_is_frozen() -> None:
    with pytest.raises(AttributeError):
        session().clock_drift = 3  # type: ignore[misc]
