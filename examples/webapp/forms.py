"""Checking the sign-up form before anything is sent (the checks the tutorial made with Yup).

The pool checks again (its password policy is what counts); these give clear messages first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

NAME_MAX = 30
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")
_PASSWORD_RULES = (
    (re.compile(r"[0-9]"), "Password requires a number."),
    (re.compile(r"[a-z]"), "Password requires a lowercase letter."),
    (re.compile(r"[A-Z]"), "Password requires an uppercase letter."),
    (re.compile(r"[^A-Za-z0-9]"), "Password requires a symbol."),
)


@dataclass(frozen=True)
class SignUpForm:
    """What the sign-up page posts (the password is never shown again or logged)."""

    name: str
    phone: str
    email: str
    password: str = ""

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> SignUpForm:
        return cls(
            name=form.get("name", "").strip(),
            phone=form.get("phone", "").strip().replace(" ", ""),
            email=form.get("email", "").strip().lower(),
            password=form.get("password", ""),
        )

    def attributes(self) -> dict[str, str]:
        """The user attributes to send with SignUp."""
        return {"name": self.name, "email": self.email, "phone_number": self.phone}


def check_name(name: str) -> list[str]:
    if not name:
        return ["Required."]
    return [f"Must be {NAME_MAX} characters or less."] if len(name) > NAME_MAX else []


def check_phone(phone: str) -> list[str]:
    if not phone:
        return ["Required."]
    if not _PHONE.match(phone):
        return ["Use the international format: + then the country code, like +15555550100."]
    return []


def check_email(email: str) -> list[str]:
    if not email:
        return ["Required."]
    return [] if _EMAIL.match(email) else ["Invalid email address."]


def check_password(password: str) -> list[str]:
    """Every rule the password breaks, so the user can fix them at once."""
    if not password:
        return ["No password provided."]
    problems = [message for rule, message in _PASSWORD_RULES if not rule.search(password)]
    if len(password) < 8:
        problems.append("Password is too short: 8 characters minimum.")
    return problems


def check_sign_up(form: SignUpForm) -> dict[str, list[str]]:
    """``{field: [messages]}`` for the fields that need fixing (empty: all good)."""
    found = {
        "name": check_name(form.name),
        "phone": check_phone(form.phone),
        "email": check_email(form.email),
        "password": check_password(form.password),
    }
    return {field: messages for field, messages in found.items() if messages}
