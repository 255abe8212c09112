"""Request validation against botocore's model: Cognito's wording, no echo of secrets, no 500s."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cognito_identity.errors import InvalidParameterException, SerializationException
from cognito_identity.server import javaregex
from cognito_identity.server.validation import operation_names, service_model, validate

from ..sigv4_client import base_url, signed_headers

TARGET = "AWSCognitoIdentityProviderService."
NOT_NULL = "Member must not be null"


def message_of(operation: str, body: dict[str, Any]) -> str:
    with pytest.raises(InvalidParameterException) as raised:
        validate(operation, body)
    return raised.value.message


def test_a_missing_required_member() -> None:
    assert message_of("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH"}) == (
        "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_null_counts_as_missing() -> None:
    assert "Value null at 'maxResults'" in message_of("ListUserPools", {"MaxResults": None})


def test_several_errors_are_counted_and_joined() -> None:
    message = message_of("ListUserPools", {"MaxResults": 0, "NextToken": ""})
    assert message.startswith("3 validation errors detected: ")  # length, pattern, range
    assert (
        "Value '' at 'nextToken' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1" in message
    )
    assert (
        "Value '0' at 'maxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1" in message
    )
    assert "; " in message


def test_length_range_and_enum_constraints() -> None:
    too_long = message_of("CreateUserPool", {"PoolName": "p" * 129})
    assert "Member must have length less than or equal to 128" in too_long
    too_many = message_of("ListUserPools", {"MaxResults": 61})
    assert "Member must have value less than or equal to 60" in too_many
    enum = message_of("CreateUserPool", {"PoolName": "p", "MfaConfiguration": "SOMETIMES"})
    assert enum == (
        "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy "
        "constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"
    )


def test_pattern_errors_quote_the_java_pattern() -> None:
    message = message_of("DescribeUserPool", {"UserPoolId": "no-underscore"})
    assert message == (
        "1 validation error detected: Value 'no-underscore' at 'userPoolId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"
    )


def test_nested_paths_use_one_based_list_members() -> None:
    body = {
        "PoolName": "p",
        "Schema": [{"Name": "ok"}, {"Name": "x" * 21}],
        "Policies": {"PasswordPolicy": {"MinimumLength": 5}},
    }
    message = message_of("CreateUserPool", body)
    assert "at 'schema.2.member.name'" in message
    assert "at 'policies.passwordPolicy.minimumLength'" in message


def test_sensitive_values_are_never_echoed() -> None:
    secret = "Hunter2 hunter2"
    body = {
        "ClientId": "bad client id!",
        "Username": "",
        "Password": secret * 30,
        "UserAttributes": [{"Name": "email", "Value": secret}],
    }
    message = message_of("SignUp", body)
    assert "hunter2" not in message.lower()
    assert "bad client id" not in message
    assert "Value '***' at 'password' failed to satisfy constraint" in message
    assert "Value '***' at 'clientId'" in message


def test_sensitive_maps_hide_every_entry() -> None:
    body = {"AuthFlow": "USER_SRP_AUTH", "ClientId": "abc", "AuthParameters": {"": "P@ss"}}
    try:
        validate("InitiateAuth", body)
    except InvalidParameterException as error:
        assert "P@ss" not in error.message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"MaxResults": "10"}, "STRING_VALUE can not be converted to an Integer"),
        ({"MaxResults": True}, "BOOLEAN_VALUE can not be converted to an Integer"),
        ({"MaxResults": [1]}, "Start of list found where not expected."),
        ({"MaxResults": 1, "NextToken": {"a": 1}}, "Start of structure or map found"),
        ({"MaxResults": 1, "NextToken": 5}, "NUMBER_VALUE can not be converted to a String"),
    ],
)
def test_wrong_json_types_are_serialization_errors(body: dict[str, Any], expected: str) -> None:
    with pytest.raises(SerializationException) as raised:
        validate("ListUserPools", body)
    assert expected in raised.value.message


def test_sensitive_values_of_the_wrong_type_are_not_echoed() -> None:
    with pytest.raises(SerializationException) as raised:
        validate("SignUp", {"ClientId": "abc", "Username": "u", "Password": 123456789})
    assert "123456789" not in raised.value.message


def test_unknown_members_are_ignored() -> None:
    validate("ListUserPools", {"MaxResults": 1, "Surprise": {"deep": [1, 2]}})


def test_valid_bodies_pass() -> None:
    validate(
        "SignUp",
        {
            "ClientId": "abc123",
            "Username": "alice@example.com",
            "Password": "Corr3ct-Horse!",
            "UserAttributes": [{"Name": "email", "Value": "alice@example.com"}],
            "ClientMetadata": {"k": "v"},
        },
    )
    validate("ListUserPools", {"MaxResults": 60, "NextToken": "abc"})


def test_unicode_classes_accept_letters_of_every_script() -> None:
    validate("AdminGetUser", {"UserPoolId": "us-east-1_abc", "Username": "Zoë_日本-名前"})
    message = message_of("AdminGetUser", {"UserPoolId": "us-east-1_abc", "Username": "two words"})
    assert "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" in message


# -- Java regex translation --------------------------------------------------------------------


def every_model_pattern() -> set[str]:
    model = service_model()
    patterns = (model.shape_for(name).metadata.get("pattern") for name in model.shape_names)
    return {pattern for pattern in patterns if pattern}


def test_every_pattern_of_the_model_translates() -> None:
    untranslated = [p for p in every_model_pattern() if javaregex.compile_java(p) is None]
    assert untranslated == []


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("[\\p{L}]+", "añβж字", True),
        ("[\\p{L}]+", "a1", False),
        ("[\\p{N}]+", "123٣", True),
        ("[\\p{Z}]", "\u00a0", True),
        ("[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+", "abc", True),
        ("[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+", "_bc", False),
        ("\\p{Lu}\\P{Lu}", "Ab", True),
        ("\\p{Lu}\\P{Lu}", "AB", False),
        ("[\\w]+", "é", False),  # Java's \w is ASCII
        ("[\\S]+", "a\u00a0", True),  # and so is \s
        ("^[0-9A-Za-z\\.\\-_]*(?<!\\.)$", "a.b", True),
        ("^[0-9A-Za-z\\.\\-_]*(?<!\\.)$", "ab.", False),
    ],
)
def test_translated_patterns_match_like_java(pattern: str, text: str, matches: bool) -> None:
    compiled = javaregex.compile_java(pattern)
    assert compiled is not None
    assert (compiled.fullmatch(text) is not None) is matches


@pytest.mark.parametrize(
    "pattern", ["[a-z&&[^b]]", "[[a]]", "\\p{IsAlphabetic}", "\\p", "(", "\\p{L"]
)
def test_untranslatable_patterns_are_skipped_not_fatal(pattern: str) -> None:
    assert javaregex.compile_java(pattern) is None


def test_translation_keeps_plain_patterns() -> None:
    assert javaregex.translate("[\\w-]+_[0-9a-zA-Z]+") == "[\\w-]+_[0-9a-zA-Z]+"
    assert re.fullmatch(javaregex.translate("[\\p{Nd}]+"), "42")


# -- no input gets a 500 -----------------------------------------------------------------------

JUNK: list[Any] = [None, "", "x" * 300, -1, 0, 10**12, 1.5, True, [], [None, "a"], {}, {"a": 1}]


def junk_bodies(operation: str) -> list[dict[str, Any]]:
    """Bodies with every input member set to each junk value in turn (and an empty one)."""
    shape = service_model().operation_model(operation).input_shape
    members = list(shape.members) if shape is not None else []
    bodies: list[dict[str, Any]] = [{}]
    for value in JUNK:
        bodies.append(dict.fromkeys(members, value))
    return bodies


@pytest.mark.parametrize("operation", sorted(operation_names()))
def test_junk_never_gets_a_500_and_is_always_aws_shaped(http: Any, operation: str) -> None:
    for body in junk_bodies(operation):
        content = json.dumps(body).encode()
        headers = {
            "x-amz-target": TARGET + operation,
            "content-type": "application/x-amz-json-1.1",
        }
        signed = signed_headers(base_url(http), headers, content)
        response = http.post("/", content=content, headers=signed)
        if response.status_code == 200:
            continue  # junk that happens to be valid (e.g. all-optional members left empty)
        assert response.status_code < 500, (operation, body, response.text)
        error = response.json()
        assert set(error) == {"__type", "message"}
        assert response.headers["x-amzn-errortype"] == error["__type"] + ":"


def test_null_list_elements_are_refused() -> None:
    # Handlers iterate lists; a null element once reached SetUserSettings and gave a 500.
    with pytest.raises(InvalidParameterException) as caught:
        validate("SetUserSettings", {"AccessToken": "t", "MFAOptions": [None]})
    assert (
        "Value null at 'mFAOptions.1.member' failed to satisfy constraint: Member must not be null"
        in caught.value.message
    )


def test_null_map_values_are_dropped_as_absent() -> None:
    # The JS SDK sends "DEVICE_KEY": null (its retry after "device does not exist").
    body = {
        "ClientId": "c",
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": {"USERNAME": "u", "DEVICE_KEY": None},
    }
    validate("RespondToAuthChallenge", body)
    assert body["ChallengeResponses"] == {"USERNAME": "u"}
