"""The error table: one class per AWS code, kept in step with botocore's cognito-idp model."""

from __future__ import annotations

import botocore.session
import pytest

from cognito_identity import errors


def model_error_codes() -> set[str]:
    model = botocore.session.get_session().get_service_model("cognito-idp")
    return {
        shape.name
        for name in model.operation_names
        for shape in model.operation_model(name).error_shapes
    }


def test_every_code_in_the_model_has_a_class() -> None:
    missing = model_error_codes() - set(errors.SERVICE_ERRORS)
    assert not missing, f"regenerate with scripts/gen_errors.py; missing: {sorted(missing)}"


def test_classes_are_named_after_their_code_and_carry_code_message_status() -> None:
    for code, cls in errors.SERVICE_ERRORS.items():
        assert cls.__name__ == code
        assert issubclass(cls, errors.CognitoServiceError)
        instance = cls("boom")
        assert (instance.code, instance.message) == (code, "boom")
        assert instance.status_code == cls.default_status_code


@pytest.mark.parametrize(
    "wire_code",
    [
        "NotAuthorizedException",
        "com.amazonaws.cognito.identity.idp.model#NotAuthorizedException",
        "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/",
    ],
)
def test_error_for_code_understands_every_wire_spelling(wire_code: str) -> None:
    error = errors.error_for_code(wire_code, "Incorrect username or password.", 400)
    assert type(error) is errors.NotAuthorizedException
    assert error.code == "NotAuthorizedException"
    assert str(error) == "NotAuthorizedException: Incorrect username or password."


def test_unknown_codes_still_become_service_errors() -> None:
    error = errors.error_for_code("BrandNewException", "new", 418)
    assert type(error) is errors.CognitoServiceError
    assert (error.code, error.status_code) == ("BrandNewException", 418)


def test_internal_error_is_a_server_fault() -> None:
    assert errors.InternalErrorException.default_status_code == 500


def test_local_errors_share_the_root() -> None:
    for cls in (errors.NetworkError, errors.NotAuthenticatedError, errors.InvalidResponseError):
        assert issubclass(cls, errors.CognitoError)
    challenge = errors.UnsupportedChallengeError("SMS_MFA")
    assert challenge.challenge_name == "SMS_MFA"
    assert "SMS_MFA" in str(challenge)
