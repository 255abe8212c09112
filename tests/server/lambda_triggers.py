"""Example user pool triggers for the tests (PreSignUp, PostConfirmation, ..., UserMigration).

Configured in a pool's LambdaConfig as
``arn:aws:lambda:us-east-1:000000000000:function:tests.server.lambda_triggers.<name>``. Every
event received is kept in :data:`EVENTS` (the live test server runs in the test process); a
trigger's behaviour can be steered through the ``ClientMetadata`` / ``ValidationData`` a test
sends, as a real application would.
"""

from __future__ import annotations

import copy
from typing import Any

EVENTS: list[dict[str, Any]] = []
OLD_SYSTEM = {"legacy": ("Legacy-Passw0rd!", "legacy@example.com")}


def _keep(event: dict[str, Any]) -> dict[str, Any]:
    EVENTS.append(copy.deepcopy(event))
    return event


def sources() -> list[str]:
    """The triggerSource of every event so far, in order."""
    return [event["triggerSource"] for event in EVENTS]


def pre_sign_up(event: dict[str, Any]) -> dict[str, Any]:
    """Refuse example.org; auto-confirm (and verify the email) of example.net addresses."""
    _keep(event)
    email = event["request"]["userAttributes"].get("email", "")
    if email.endswith("@example.org"):
        raise ValueError("example.org may not sign up")
    if email.endswith("@example.net"):
        event["response"].update(autoConfirmUser=True, autoVerifyEmail=True)
    return event


def pre_sign_up_bad(event: dict[str, Any]) -> dict[str, Any]:
    """A response that isn't Cognito's: autoConfirmUser is not a boolean."""
    event["response"]["autoConfirmUser"] = "yes"
    return event


def record(event: dict[str, Any]) -> None:
    """Accept anything (fills nothing in place; None means the event as received)."""
    _keep(event)


def pre_authentication(event: dict[str, Any]) -> dict[str, Any]:
    """Block users whose family_name is Blocked."""
    _keep(event)
    if event["request"]["userAttributes"].get("family_name") == "Blocked":
        raise RuntimeError("You are blocked")
    return event


def post_authentication_fails(event: dict[str, Any]) -> dict[str, Any]:
    """Fail every sign-in after its tokens."""
    _keep(event)
    raise RuntimeError("audit log unavailable")


def pre_token_v1(event: dict[str, Any]) -> dict[str, Any]:
    """Add a claim, suppress family_name, try to change sub, and set the groups."""
    _keep(event)
    event["response"]["claimsOverrideDetails"] = {
        "claimsToAddOrOverride": {"tenant": "acme", "sub": "forged"},
        "claimsToSuppress": ["family_name", "aud"],
        "groupOverrideDetails": {
            "groupsToOverride": ["admins"],
            "iamRolesToOverride": ["arn:aws:iam::000000000000:role/admin"],
            "preferredRole": "arn:aws:iam::000000000000:role/admin",
        },
    }
    return event


def pre_token_v2(event: dict[str, Any]) -> dict[str, Any]:
    """Change both tokens: a claim in each, a scope added, a protected claim left alone."""
    _keep(event)
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "idTokenGeneration": {"claimsToAddOrOverride": {"plan": "gold"}},
        "accessTokenGeneration": {
            "claimsToAddOrOverride": {"tenant": "acme", "client_id": "forged"},
            "scopesToAdd": ["orders/read"],
        },
    }
    return event


def custom_message(event: dict[str, Any]) -> dict[str, Any]:
    """Own wording for every message; the code placeholder the event names is kept."""
    _keep(event)
    code = event["request"]["codeParameter"]
    source = event["triggerSource"]
    event["response"].update(
        emailMessage=f"[{source}] your code: {code}",
        emailSubject="Hello",
        smsMessage=f"[{source}] sms code {code}",
    )
    return event


def custom_message_without_code(event: dict[str, Any]) -> dict[str, Any]:
    """A message without the code: Cognito refuses it."""
    event["response"]["emailMessage"] = "no code here"
    return event


def user_migration(event: dict[str, Any]) -> dict[str, Any]:
    """The old system: ``legacy`` with its password; RESET_REQUIRED on ForgotPassword."""
    _keep(event)
    known = OLD_SYSTEM.get(event["userName"])
    if known is None:
        raise LookupError("User does not exist")
    password, email = known
    if event["triggerSource"] == "UserMigration_Authentication":
        if event["request"]["password"] != password:
            raise PermissionError("Bad password")
        event["response"]["finalUserStatus"] = "CONFIRMED"
    event["response"]["userAttributes"] = {"email": email, "email_verified": "true"}
    event["response"]["messageAction"] = "SUPPRESS"
    return event
