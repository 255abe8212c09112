"""MFA settings steps of both user twins: behind ``set_user_mfa_preference`` and the
deprecated ``enable_mfa`` / ``disable_mfa`` (README use cases 9, 10, 28, 29; ``get_mfa_options``
is with the account steps).

Each step gets a valid session first (refreshing it if needed), like every other method of this
SDK that needs one, instead of failing as JS does when the session expired.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from ._flows import Flow, account
from ._user_base import BaseCognitoUser, C

#: ``{"Enabled": bool, "PreferredMfa": bool}``, the shape of each MFA settings argument.
MfaSettings = Mapping[str, bool]
_SMS_OPTION = {"DeliveryMedium": "SMS", "AttributeName": "phone_number"}


class MfaFlows(BaseCognitoUser[C]):
    """MFA settings steps (mixed into both user twins)."""

    def _set_user_mfa_preference_flow(
        self,
        sms_settings: MfaSettings | None,
        totp_settings: MfaSettings | None,
        email_settings: MfaSettings | None,
    ) -> Flow[str]:
        token = (yield from self._get_session_flow(None)).access_token.jwt_token
        flow = account.set_user_mfa_preference(token, sms_settings, totp_settings, email_settings)
        return (yield from flow)

    def _set_sms_mfa_flow(self, enabled: bool) -> Flow[str]:
        """``enable_mfa`` / ``disable_mfa``: the old SetUserSettings switch."""
        token = (yield from self._get_session_flow(None)).access_token.jwt_token
        return (yield from account.set_user_settings(token, [_SMS_OPTION] if enabled else []))


def deprecated(name: str, instead: str) -> None:
    """Warn that public method ``name`` is deprecated (called by the twin's method itself, so
    the warning points at the caller's line)."""
    warnings.warn(
        f"{name} is deprecated (as in the JS library): use {instead}",
        DeprecationWarning,
        stacklevel=3,
    )
