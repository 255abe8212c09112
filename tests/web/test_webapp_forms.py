"""The example app's sign-up checks (examples/webapp/forms.py), without a browser."""

from __future__ import annotations

from examples.webapp.forms import SignUpForm, check_password, check_sign_up


def test_every_broken_password_rule_is_reported() -> None:
    assert check_password("") == ["No password provided."]
    assert check_password("abc") == [
        "Password requires a number.",
        "Password requires an uppercase letter.",
        "Password requires a symbol.",
        "Password is too short: 8 characters minimum.",
    ]
    assert check_password("Corr3ct-Horse!") == []


def test_form_is_normalised_and_checked() -> None:
    form = SignUpForm.from_form(
        {
            "name": " Alice ",
            "phone": "+1 555 555 0100",
            "email": " Alice@Example.COM ",
            "password": "x",
        }
    )
    assert (form.name, form.phone, form.email) == ("Alice", "+15555550100", "alice@example.com")
    assert list(check_sign_up(form)) == ["password"]
    assert check_sign_up(SignUpForm("", "", "", "")) == {
        "name": ["Required."],
        "phone": ["Required."],
        "email": ["Required."],
        "password": ["No password provided."],
    }
    assert check_sign_up(SignUpForm("x" * 31, "+15555550100", "a@b.co", "Corr3ct-Horse!")) == {
        "name": ["Must be 30 characters or less."]
    }
