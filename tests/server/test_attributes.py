"""UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode,
VerifyUserAttribute, and the attribute schema (required, immutable, constraints)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code
from .helpers import confirmed_user, error_of, password_login, sign_up
from .pool_helpers import attributes_of, make_pool

SCHEMA = [
    {"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True},
    {
        "Name": "badge",
        "AttributeDataType": "String",
        "Mutable": False,
        "StringAttributeConstraints": {"MinLength": "2", "MaxLength": "5"},
    },
    {
        "Name": "level",
        "AttributeDataType": "Number",
        "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "10"},
    },
]


def _error(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def _signed_in(boto: Any, pool: PoolIds, username: str = "alice") -> str:
    confirmed_user(boto, pool, username)
    return str(password_login(boto, pool, username)["AccessToken"])


def _update(boto: Any, token: str, **values: str) -> Any:
    listed = [{"Name": name.replace("__", ":"), "Value": value} for name, value in values.items()]
    return boto.update_user_attributes(AccessToken=token, UserAttributes=listed)


def test_update_plain_attributes_and_delete_by_empty_value(boto: Any, pool: PoolIds) -> None:
    token = _signed_in(boto, pool)
    response = _update(boto, token, name="Alice", locale="fr")
    assert "CodeDeliveryDetailsList" not in response
    assert {"name": "Alice", "locale": "fr"}.items() <= attributes_of(boto, token).items()
    _update(boto, token, locale="")
    assert "locale" not in attributes_of(boto, token)
    boto.delete_user_attributes(AccessToken=token, UserAttributeNames=["name"])
    assert "name" not in attributes_of(boto, token)


def test_changed_email_applies_at_once_unverified_and_gets_a_code(boto: Any, pool: PoolIds) -> None:
    token = _signed_in(boto, pool)
    response = _update(boto, token, email="new@example.org")
    assert response["CodeDeliveryDetailsList"] == [
        {"Destination": "n***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    ]
    attributes = attributes_of(boto, token)
    assert (attributes["email"], attributes["email_verified"]) == ("new@example.org", "false")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    error = _error(boto.verify_user_attribute, AccessToken=token, AttributeName="email", Code=wrong)
    assert error[0] == "CodeMismatchException"
    boto.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    assert attributes_of(boto, token)["email_verified"] == "true"
    error = _error(boto.verify_user_attribute, AccessToken=token, AttributeName="email", Code=code)
    assert error[0] == "ExpiredCodeException"  # single use


def test_verification_before_update_keeps_the_old_email_in_effect(
    boto: Any, live_server: Any
) -> None:
    pool = make_pool(
        boto,
        live_server.endpoint,
        AliasAttributes=["email"],
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
    )
    token = _signed_in(boto, pool)
    sent = _update(boto, token, email="new@example.org")["CodeDeliveryDetailsList"]
    assert sent[0]["Destination"] == "n***@e***"
    attributes = attributes_of(boto, token)
    assert (attributes["email"], attributes["email_verified"]) == ("alice@example.com", "true")
    assert password_login(boto, pool, "alice@example.com")["AccessToken"]  # old alias works
    with pytest.raises(ClientError):
        password_login(boto, pool, "new@example.org")
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    boto.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    attributes = attributes_of(boto, token)
    assert (attributes["email"], attributes["email_verified"]) == ("new@example.org", "true")
    assert password_login(boto, pool, "new@example.org")["AccessToken"]
    with pytest.raises(ClientError):
        password_login(boto, pool, "alice@example.com")


def test_get_attribute_verification_code(boto: Any, pool: PoolIds, clock: FakeClock) -> None:
    token = _signed_in(boto, pool)
    response = boto.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    assert response["CodeDeliveryDetails"]["AttributeName"] == "email"
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    clock.advance(3601)
    token = password_login(boto, pool, "alice")["AccessToken"]  # the old one expired too
    error = _error(boto.verify_user_attribute, AccessToken=token, AttributeName="email", Code=code)
    assert error[0] == "ExpiredCodeException"
    error = _error(
        boto.get_user_attribute_verification_code, AccessToken=token, AttributeName="phone_number"
    )
    assert error[0] == "InvalidParameterException"
    error = _error(
        boto.get_user_attribute_verification_code, AccessToken=token, AttributeName="name"
    )
    assert error[0] == "InvalidParameterException"


def test_schema_rules(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, Schema=SCHEMA)
    missing = _error(sign_up, boto, pool, "bob")
    assert missing == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: name: The attribute is required",
    )
    values = [
        {"Name": "email", "Value": "alice@example.com"},
        {"Name": "name", "Value": "Alice"},
        {"Name": "custom:badge", "Value": "gold"},
    ]
    sign_up(boto, pool, "alice", UserAttributes=values)
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    boto.confirm_sign_up(ClientId=pool.client_id, Username="alice", ConfirmationCode=code)
    token = password_login(boto, pool, "alice")["AccessToken"]
    assert _error(_update, boto, token, custom__badge="blue") == (
        "InvalidParameterException",
        "custom:badge: Attribute cannot be updated.",
    )
    assert _error(_update, boto, token, name="")[1].endswith("name: The attribute is required")
    error = _error(boto.delete_user_attributes, AccessToken=token, UserAttributeNames=["name"])
    assert error[0] == "InvalidParameterException"
    assert _error(_update, boto, token, custom__level="11")[1].endswith(
        "custom:level: Number must be no greater than 10"
    )
    for bad in ("ten", "inf", "nan"):
        assert _error(_update, boto, token, custom__level=bad)[0] == "InvalidParameterException"
    _update(boto, token, custom__level="7")
    assert attributes_of(boto, token)["custom:level"] == "7"


def test_string_length_constraints_on_sign_up(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, Schema=SCHEMA)
    values = [{"Name": "name", "Value": "Bob"}, {"Name": "custom:badge", "Value": "platinum"}]
    assert _error(sign_up, boto, pool, "bob", UserAttributes=values) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:badge: "
        "String must be no longer than 5 characters",
    )


def test_server_attributes_and_client_write_permissions(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, client={"WriteAttributes": ["email", "name"]})
    token = _signed_in(boto, pool)
    unauthorized = ("NotAuthorizedException", "A client attempted to write unauthorized attribute")
    assert _error(_update, boto, token, email_verified="true") == unauthorized
    assert _error(_update, boto, token, locale="fr") == unauthorized
    _update(boto, token, name="Alice")


def test_attribute_operations_need_a_valid_token(boto: Any, pool: PoolIds) -> None:
    token = _signed_in(boto, pool)
    boto.global_sign_out(AccessToken=token)
    for call in (
        lambda: _update(boto, token, name="x"),
        lambda: boto.delete_user_attributes(AccessToken=token, UserAttributeNames=["name"]),
        lambda: boto.get_user_attribute_verification_code(AccessToken=token, AttributeName="email"),
        lambda: boto.verify_user_attribute(AccessToken=token, AttributeName="email", Code="1"),
        lambda: boto.delete_user(AccessToken=token),
        lambda: boto.change_password(
            PreviousPassword=STRONG_PASSWORD, ProposedPassword=STRONG_PASSWORD, AccessToken=token
        ),
    ):
        assert _error(call)[1] == "Access Token has been revoked"
