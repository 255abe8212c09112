"""Use case 10: disabling SMS MFA for a user (on a pool where MFA is optional).

JS: ``cognitoUser.disableMFA(callback)`` (SetUserSettings), deprecated in favour of
``setUserMfaPreference``. The modern call is shown below it.
"""

from __future__ import annotations

import warnings

from _setup import env, signed_in_user


def main() -> str:
    """Turn SMS MFA on, then off the deprecated way; returns ``'SUCCESS'``."""
    setup = env(mfa="OPTIONAL")
    user = signed_in_user(setup, setup.pool(), phone_number="+15555555555")
    user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result = user.disable_mfa()
    # Today: user.set_user_mfa_preference({"Enabled": False, "PreferredMfa": False}, None)
    print("call result: " + result)
    print("MFA methods:", user.get_user_data(bypass_cache=True).get("UserMFASettingList", []))
    return result


if __name__ == "__main__":
    main()
