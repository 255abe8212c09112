"""Our protocol/ SRP client over boto3 against the live server, including hostile inputs.

boto3 carries the bytes exactly as AWS would; the client side is protocol/srp.py, so this pins
the wire format of SRP_A / SRP_B / SALT / SECRET_BLOCK / TIMESTAMP between our two halves and
checks that the server refuses the classic SRP attacks (A = 0 mod N forces S = 0).
"""

from __future__ import annotations

import base64
import secrets
import time
from typing import Any

import botocore.exceptions
import pytest

from cognito_identity.protocol import srp
from cognito_identity.protocol.srp import N, SrpClient, password_claim_signature
from cognito_identity.protocol.timestamp import format_timestamp
from tests.conftest import STRONG_PASSWORD, PoolIds, latest_code


def _new_user(boto: Any, pool: PoolIds) -> str:
    username = f"boto-{secrets.token_hex(4)}"
    boto.sign_up(
        ClientId=pool.client_id,
        Username=username,
        Password=STRONG_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )
    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    boto.confirm_sign_up(ClientId=pool.client_id, Username=username, ConfirmationCode=code)
    return username


def _initiate(boto: Any, pool: PoolIds, username: str, srp_a: str) -> dict[str, Any]:
    response: dict[str, Any] = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": username, "SRP_A": srp_a},
    )
    return response


def _respond(
    boto: Any,
    pool: PoolIds,
    challenge: dict[str, Any],
    key: bytes,
    timestamp: str | None = None,
    signature: str | None = None,
) -> dict[str, Any]:
    params = challenge["ChallengeParameters"]
    pool_name = pool.user_pool_id.split("_", 1)[1]
    user_id = params["USER_ID_FOR_SRP"]
    timestamp = timestamp or format_timestamp(time.time())
    if signature is None:
        signature = password_claim_signature(
            key, pool_name, user_id, params["SECRET_BLOCK"], timestamp
        )
    response: dict[str, Any] = boto.respond_to_auth_challenge(
        ClientId=pool.client_id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=challenge.get("Session", ""),
        ChallengeResponses={
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
            "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SIGNATURE": signature,
        },
    )
    return response


def _key(client: SrpClient, pool: PoolIds, challenge: dict[str, Any], password: str) -> bytes:
    params = challenge["ChallengeParameters"]
    return client.session_key(
        pool.user_pool_id.split("_", 1)[1],
        params["USER_ID_FOR_SRP"],
        password,
        int(params["SRP_B"], 16),
        int(params["SALT"], 16),
    )


def test_srp_login_with_our_protocol_client(boto: Any, pool: PoolIds) -> None:
    username = _new_user(boto, pool)
    client = SrpClient.from_random_bytes(secrets.token_bytes(srp.PRIVATE_VALUE_BYTES))
    challenge = _initiate(boto, pool, username, client.srp_a)

    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    params = challenge["ChallengeParameters"]
    assert params["USER_ID_FOR_SRP"] == username
    assert params["USERNAME"] == username
    big_b = int(params["SRP_B"], 16)
    assert 0 < big_b < N
    assert params["SRP_B"] == format(big_b, "x")  # lowercase hex, as Cognito sends it
    assert int(params["SALT"], 16) > 0
    assert base64.b64decode(params["SECRET_BLOCK"], validate=True)

    result = _respond(boto, pool, challenge, _key(client, pool, challenge, STRONG_PASSWORD))
    tokens = result["AuthenticationResult"]
    assert tokens["TokenType"] == "Bearer"
    assert tokens["IdToken"] and tokens["AccessToken"] and tokens["RefreshToken"]
    me = boto.get_user(AccessToken=tokens["AccessToken"])
    assert me["Username"] == username


def test_each_login_gets_a_fresh_b_and_secret_block(boto: Any, pool: PoolIds) -> None:
    username = _new_user(boto, pool)
    client = SrpClient.from_random_bytes(secrets.token_bytes(srp.PRIVATE_VALUE_BYTES))
    first = _initiate(boto, pool, username, client.srp_a)["ChallengeParameters"]
    second = _initiate(boto, pool, username, client.srp_a)["ChallengeParameters"]
    assert first["SRP_B"] != second["SRP_B"]
    assert first["SECRET_BLOCK"] != second["SECRET_BLOCK"]
    assert first["SALT"] == second["SALT"]  # the salt belongs to the stored verifier


def test_wrong_password_and_tampered_signature_are_refused(boto: Any, pool: PoolIds) -> None:
    username = _new_user(boto, pool)
    client = SrpClient.from_random_bytes(secrets.token_bytes(srp.PRIVATE_VALUE_BYTES))

    challenge = _initiate(boto, pool, username, client.srp_a)
    wrong_key = _key(client, pool, challenge, STRONG_PASSWORD + "!")
    with pytest.raises(boto.exceptions.NotAuthorizedException):
        _respond(boto, pool, challenge, wrong_key)

    challenge = _initiate(boto, pool, username, client.srp_a)
    key = _key(client, pool, challenge, STRONG_PASSWORD)
    timestamp = format_timestamp(time.time())
    good = password_claim_signature(
        key,
        pool.user_pool_id.split("_", 1)[1],
        challenge["ChallengeParameters"]["USER_ID_FOR_SRP"],
        challenge["ChallengeParameters"]["SECRET_BLOCK"],
        timestamp,
    )
    raw = bytearray(base64.b64decode(good))
    raw[-1] ^= 0x01
    with pytest.raises(boto.exceptions.NotAuthorizedException):
        _respond(
            boto,
            pool,
            challenge,
            key,
            timestamp=timestamp,
            signature=base64.b64encode(raw).decode(),
        )


@pytest.mark.parametrize("multiple", [0, 1, 2], ids=["A=0", "A=N", "A=2N"])
def test_srp_a_zero_mod_n_never_logs_in(boto: Any, pool: PoolIds, multiple: int) -> None:
    """With A = 0 mod N the server's S is 0 whatever the password: it must refuse A itself."""
    username = _new_user(boto, pool)
    try:
        challenge = _initiate(boto, pool, username, format(multiple * N, "x"))
    except botocore.exceptions.ClientError as refused:
        assert refused.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert refused.response["Error"]["Code"] in {
            "InvalidParameterException",
            "NotAuthorizedException",
        }
        return
    # Not refused up front: a forged claim keyed by S = 0 must still fail.
    params = challenge["ChallengeParameters"]
    u = srp.calculate_u(multiple * N, int(params["SRP_B"], 16))
    forged_key = srp.session_key(0, u)
    with pytest.raises(botocore.exceptions.ClientError):
        _respond(boto, pool, challenge, forged_key)
    pytest.fail("the server accepted SRP_A = 0 mod N at InitiateAuth (the forged claim failed)")


@pytest.mark.parametrize("srp_a", ["", "zz", "-1", "0x10"])
def test_malformed_srp_a_is_a_client_error(boto: Any, pool: PoolIds, srp_a: str) -> None:
    username = _new_user(boto, pool)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        _initiate(boto, pool, username, srp_a)
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
