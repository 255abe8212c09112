"""The HTML of every page: plain Python strings, every value escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

STYLE = """
body { font-family: system-ui, sans-serif; display: flex; justify-content: center; margin: 0; }
main { width: 24rem; margin-top: 3rem; }
label { display: block; margin-top: 1rem; }
input, select { width: 100%; box-sizing: border-box; padding: .4rem; margin-top: .25rem; }
button { margin-top: 1.25rem; padding: .5rem 1rem; color: #2196f3; background: white;
  border: 1px solid #2196f3; border-radius: 10px; font-weight: 700; cursor: pointer; }
button:hover { background: #2196f3; color: white; }
.error { color: #c00; font-size: .85rem; }
.notice { background: #eef6ff; padding: .5rem; border-radius: 6px; }
.dev { background: #fff6d6; border: 1px dashed #c90; padding: .5rem; margin-top: 1rem; }
table { border-collapse: collapse; margin-top: 1rem; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; }
"""


def layout(title: str, body: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def errors(messages: Iterable[str], field: str = "") -> str:
    """The messages in one alert (``#<field>-error`` for a field's, so ids stay unique)."""
    items = "".join(f"<div class='error'>{escape(m)}</div>" for m in messages)
    ident = f" id='{field}-error'" if field else ""
    return f"<div{ident} role='alert'>{items}</div>" if items else ""


def notice(text: str | None) -> str:
    return f"<p class='notice' role='status'>{escape(text)}</p>" if text else ""


def field(
    name: str, label: str, value: str = "", kind: str = "text", problems: Iterable[str] = ()
) -> str:
    return (
        f"<label for='{name}'>{escape(label)}</label>"
        f"<input id='{name}' name='{name}' type='{kind}' value='{escape(value)}'>"
        + errors(problems, name)
    )


def dev_code(code: str | None, destination: str) -> str:
    """The code the local server "sent": a development convenience, never on AWS."""
    if code is None:
        return ""
    return (
        "<div class='dev' id='dev-code'><strong>Local server only:</strong> the code sent to "
        f"{escape(destination)} is <code>{escape(code)}</code>. With AWS Cognito it arrives "
        "by email and is not shown here.</div>"
    )


def sign_up(values: Mapping[str, str], problems: Mapping[str, list[str]], error: str = "") -> str:
    body = (
        errors([error] if error else [])
        + "<form method='post' action='/signup' novalidate>"
        + field("name", "Name", values.get("name", ""), problems=problems.get("name", []))
        + field(
            "phone", "Telephone number", values.get("phone", ""), problems=problems.get("phone", [])
        )
        + field(
            "email", "Email address", values.get("email", ""), "email", problems.get("email", [])
        )
        + field("password", "Password", "", "password", problems.get("password", []))
        + "<button type='submit'>Sign up</button></form>"
        + "<p>Already registered? <a href='/login'>Log in</a></p>"
    )
    return layout("Sign up", body)


def confirm(email: str, code: str | None, message: str = "", error: str = "") -> str:
    body = (
        notice(message)
        + errors([error] if error else [])
        + "<form method='post' action='/confirm'>"
        + field("email", "Email address", email, "email")
        + field("code", "Confirmation code")
        + "<button type='submit'>Confirm</button></form>"
        + "<form method='post' action='/confirm/resend'>"
        + f"<input type='hidden' name='email' value='{escape(email)}'>"
        + "<button type='submit'>Send a new code</button></form>"
        + dev_code(code, email)
    )
    return layout("Confirm your email", body)


def log_in(email: str = "", message: str = "", error: str = "") -> str:
    body = (
        notice(message)
        + errors([error] if error else [])
        + "<form method='post' action='/login'>"
        + field("email", "Email address", email, "email")
        + field("password", "Password", "", "password")
        + "<button type='submit'>Log in</button></form>"
        + "<p>No account yet? <a href='/signup'>Sign up</a></p>"
    )
    return layout("Log in", body)


def mfa(destination: str, code: str | None, error: str = "") -> str:
    body = (
        notice(f"We sent a sign-in code to {destination}.")
        + errors([error] if error else [])
        + "<form method='post' action='/mfa'>"
        + field("code", "Sign-in code")
        + "<button type='submit'>Verify</button></form>"
        + dev_code(code, destination)
    )
    return layout("Enter your sign-in code", body)


EDITABLE = ("name", "phone_number", "nickname", "locale")


def welcome(attributes: Mapping[str, str], message: str = "", error: str = "") -> str:
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td id='attr-{escape(name)}'>{escape(value)}</td></tr>"
        for name, value in sorted(attributes.items())
    )
    options = "".join(f"<option value='{n}'>{n}</option>" for n in EDITABLE)
    body = (
        f"<p class='greeting'>Hi {escape(attributes.get('name', ''))}!</p>"
        + notice(message)
        + errors([error] if error else [])
        + f"<table aria-label='Your attributes'>{rows}</table>"
        + "<h2>Update an attribute</h2><form method='post' action='/attributes'>"
        + "<label for='attribute'>Attribute</label><select id='attribute' name='attribute'>"
        + f"{options}</select>"
        + field("value", "New value")
        + "<button type='submit'>Save</button></form>"
        + "<form method='post' action='/logout'><button type='submit'>Log out</button></form>"
    )
    return layout("Welcome", body)
