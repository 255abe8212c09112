import json

import pytest

from cognito_identity import AuthenticationDetails, CognitoUserAttribute
from cognito_identity.attributes import attributes_to_wire


def test_attribute_wire_shape_and_js_accessors() -> None:
    attribute = CognitoUserAttribute("email", "a@example.com")
    assert attribute.to_dict() == {"Name": "email", "Value": "a@example.com"}
    assert json.loads(attribute.to_json()) == attribute.to_dict()
    assert CognitoUserAttribute.from_dict({"Name": "n", "Value": "v"}) == CognitoUserAttribute(
        "n", "v"
    )
    assert CognitoUserAttribute().set_name("x").set_value("y") == CognitoUserAttribute("x", "y")
    assert (attribute.get_name(), attribute.get_value()) == ("email", "a@example.com")


def test_attributes_to_wire_accepts_lists_and_dicts() -> None:
    expected = [{"Name": "email", "Value": "e"}, {"Name": "name", "Value": "n"}]
    assert attributes_to_wire({"email": "e", "name": "n"}) == expected
    assert (
        attributes_to_wire([CognitoUserAttribute("email", "e"), {"Name": "name", "Value": "n"}])
        == expected
    )
    assert attributes_to_wire(None) is None
    with pytest.raises(TypeError):
        attributes_to_wire([("email", "e")])  # type: ignore[list-item]


def test_authentication_details() -> None:
    details = AuthenticationDetails("alice", "pw", client_metadata={"a": "1"})
    assert details.get_username() == "alice"
    assert details.get_password() == "pw"
    assert details.get_validation_data() == {}
    assert details.get_auth_parameters() == {}
    assert details.effective_client_metadata() == {"a": "1"}
    assert "pw" not in repr(details)


def test_validation_data_wins_when_not_empty() -> None:
    details = AuthenticationDetails(
        "a", "p", validation_data={"v": "1"}, client_metadata={"c": "2"}
    )
    assert details.effective_client_metadata() == {"v": "1"}
    assert AuthenticationDetails("a", "p", validation_data=None).get_validation_data() == {}  # type: ignore[arg-type]
