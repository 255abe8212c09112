"""PreventUserExistenceErrors: ENABLED hides unknown users, LEGACY names them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import PoolIds
from .helpers import confirmed_user, error_of, password_login, srp_answer, srp_responses, srp_start
from .pool_helpers import make_pool

WRONG = ("NotAuthorizedException", "Incorrect username or password.")
HIDDEN = {"PreventUserExistenceErrors": "ENABLED"}


def _error(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def _srp_error(boto: Any, pool: PoolIds, username: str, password: str) -> tuple[str, str]:
    client, challenge = srp_start(boto, pool, username)
    responses = srp_responses(pool, client, challenge, password)
    return _error(srp_answer, boto, pool, responses, challenge["Session"])


@pytest.fixture
def hidden(boto: Any, live_server: Any) -> PoolIds:
    return make_pool(boto, live_server.endpoint, client=HIDDEN)


def test_unknown_user_srp_looks_like_a_wrong_password(boto: Any, hidden: PoolIds) -> None:
    confirmed_user(boto, hidden, "alice")
    _client, real = srp_start(boto, hidden, "alice")
    _client, fake = srp_start(boto, hidden, "nobody")
    _client, again = srp_start(boto, hidden, "NOBODY")
    assert fake["ChallengeName"] == "PASSWORD_VERIFIER"
    assert fake["ChallengeParameters"].keys() == real["ChallengeParameters"].keys()
    assert len(fake["ChallengeParameters"]["SALT"]) == len(real["ChallengeParameters"]["SALT"])
    assert fake["ChallengeParameters"]["SALT"] == again["ChallengeParameters"]["SALT"]
    assert fake["ChallengeParameters"]["SRP_B"] != again["ChallengeParameters"]["SRP_B"]
    assert _srp_error(boto, hidden, "nobody", "Any-Passw0rd!") == WRONG
    assert _srp_error(boto, hidden, "alice", "Wr0ng-Passw0rd!") == WRONG


def test_unknown_user_password_auth(boto: Any, hidden: PoolIds) -> None:
    assert _error(password_login, boto, hidden, "nobody") == WRONG


def test_codes_for_unknown_users(boto: Any, hidden: PoolIds) -> None:
    client_id = hidden.client_id
    details = boto.forgot_password(ClientId=client_id, Username="nobody")["CodeDeliveryDetails"]
    assert details["DeliveryMedium"] == "EMAIL" and details["AttributeName"] == "email"
    assert details["Destination"].endswith("***")
    again = boto.forgot_password(ClientId=client_id, Username="nobody")["CodeDeliveryDetails"]
    assert again == details
    resent = boto.resend_confirmation_code(ClientId=client_id, Username="bob@example.com")
    assert resent["CodeDeliveryDetails"]["Destination"].startswith("b***@")
    mismatch = "CodeMismatchException"
    assert (
        _error(
            boto.confirm_forgot_password,
            ClientId=client_id,
            Username="nobody",
            ConfirmationCode="123456",
            Password="N3w-Passw0rd!",
        )[0]
        == mismatch
    )
    assert (
        _error(
            boto.confirm_sign_up, ClientId=client_id, Username="nobody", ConfirmationCode="123456"
        )[0]
        == mismatch
    )


def test_email_pools_answer_a_uuid_user_id(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, client=HIDDEN, UsernameAttributes=["email"])
    _client, fake = srp_start(boto, pool, "nobody@example.com")
    assert uuid.UUID(fake["ChallengeParameters"]["USER_ID_FOR_SRP"]).version == 4


def test_legacy_names_unknown_users(boto: Any, pool: PoolIds) -> None:
    not_found = "UserNotFoundException"
    assert _error(srp_start, boto, pool, "nobody")[0] == not_found
    assert _error(password_login, boto, pool, "nobody") == (not_found, "User does not exist.")
    assert _error(boto.forgot_password, ClientId=pool.client_id, Username="x")[0] == not_found
    assert (
        _error(boto.resend_confirmation_code, ClientId=pool.client_id, Username="x")[0] == not_found
    )
    assert (
        _error(
            boto.confirm_sign_up, ClientId=pool.client_id, Username="x", ConfirmationCode="123456"
        )[0]
        == not_found
    )
