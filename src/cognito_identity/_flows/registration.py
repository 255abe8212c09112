"""Registration flows: SignUp, ConfirmSignUp, ResendConfirmationCode.

Like every flow (see :mod:`._driver`) they build the request, yield it and shape the answer;
the pool and user classes (sync and async) run them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._wire import Call
from ..attributes import AttributesInput, attributes_to_wire
from ._driver import Flow
from .account import SUCCESS, Metadata
from .auth import AuthContext


def sign_up(
    ctx: AuthContext,
    username: str,
    password: str,
    attributes: AttributesInput | None = None,
    validation_data: AttributesInput | None = None,
    client_metadata: Metadata = None,
) -> Flow[dict[str, Any]]:
    """SignUp: the raw answer (``UserConfirmed``, ``UserSub``, ``CodeDeliveryDetails``)."""
    payload = {
        "ClientId": ctx.client_id,
        "Username": username,
        "Password": password,
        "UserAttributes": attributes_to_wire(attributes),
        "ValidationData": attributes_to_wire(validation_data),
        "ClientMetadata": client_metadata,
        "SecretHash": ctx.secret_hash(username),
    }
    answer = yield Call("SignUp", payload)
    return answer


def confirm_sign_up(
    ctx: AuthContext,
    username: str,
    code: str,
    force_alias_creation: bool = False,
    client_metadata: Metadata = None,
) -> Flow[str]:
    """ConfirmSignUp with the code the pool sent."""
    payload = {
        "ClientId": ctx.client_id,
        "ConfirmationCode": code,
        "Username": username,
        "ForceAliasCreation": force_alias_creation,
        "ClientMetadata": client_metadata,
        "SecretHash": ctx.secret_hash(username),
    }
    yield Call("ConfirmSignUp", payload)
    return SUCCESS


def resend_confirmation_code(
    ctx: AuthContext, username: str, client_metadata: Mapping[str, str] | None = None
) -> Flow[dict[str, Any]]:
    """ResendConfirmationCode: the raw answer (``CodeDeliveryDetails``)."""
    payload = {
        "ClientId": ctx.client_id,
        "Username": username,
        "ClientMetadata": client_metadata,
        "SecretHash": ctx.secret_hash(username),
    }
    answer = yield Call("ResendConfirmationCode", payload)
    return answer
