"""Where the pool sent a code (:class:`CodeDeliveryDetails`), and attribute update results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CodeDeliveryDetails:
    """Where a verification code went, as the pool reports it (``CodeDeliveryDetails``).

    A field is ``None`` when the pool did not say.

    Attributes:
        destination: the masked address or number (``a***@e***.com``).
        delivery_medium: ``EMAIL`` or ``SMS``.
        attribute_name: the attribute the code verifies (``email``, ``phone_number``).

    Example::

        details = user.forgot_password()
        print(f"Code sent by {details.delivery_medium} to {details.destination}")
    """

    destination: str | None = None
    delivery_medium: str | None = None
    attribute_name: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> CodeDeliveryDetails:
        """Read the wire shape ``{"Destination", "DeliveryMedium", "AttributeName"}``."""
        data = data if isinstance(data, Mapping) else {}
        return cls(
            _text(data.get("Destination")),
            _text(data.get("DeliveryMedium")),
            _text(data.get("AttributeName")),
        )

    def to_dict(self) -> dict[str, str]:
        """The wire shape, leaving out fields that are ``None``."""
        pairs = (
            ("Destination", self.destination),
            ("DeliveryMedium", self.delivery_medium),
            ("AttributeName", self.attribute_name),
        )
        return {name: value for name, value in pairs if value is not None}


@dataclass(frozen=True)
class UpdateAttributesResult:
    """What :meth:`CognitoUser.update_attributes` returns.

    Attributes:
        code_delivery_details_list: one entry per changed attribute that needs verifying
            (a new ``email`` gets a code); empty when nothing needs a code.
        result: ``'SUCCESS'``, the JS library's first callback value.

    Example::

        update = user.update_attributes({"email": "new@example.com"})
        for details in update.code_delivery_details_list:
            print("verify", details.attribute_name, "with the code sent to", details.destination)
    """

    code_delivery_details_list: tuple[CodeDeliveryDetails, ...] = ()
    result: str = "SUCCESS"

    @classmethod
    def from_answer(cls, answer: Mapping[str, Any]) -> UpdateAttributesResult:
        """Read an UpdateUserAttributes answer."""
        items = answer.get("CodeDeliveryDetailsList")
        if not isinstance(items, list):
            items = []
        return cls(tuple(CodeDeliveryDetails.from_dict(item) for item in items))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
