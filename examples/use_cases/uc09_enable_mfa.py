"""Use case 9: enabling SMS MFA for a user (on a pool where MFA is optional).

JS: ``cognitoUser.enableMFA(callback)`` (SetUserSettings), deprecated in favour of
``setUserMfaPreference`` (use case 28). Python keeps ``enable_mfa()`` with a
``DeprecationWarning`` for ported code.
"""

from __future__ import annotations

import warnings

from _setup import env, signed_in_user


def main() -> str:
    """Turn SMS MFA on the deprecated way; returns ``'SUCCESS'``."""
    setup = env(mfa="OPTIONAL")
    user = signed_in_user(setup, setup.pool(), phone_number="+15555555555")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # we know: see use case 28
        result = user.enable_mfa()
    print("call result: " + result)
    print("MFA methods:", user.get_user_data(bypass_cache=True).get("UserMFASettingList"))
    return result


if __name__ == "__main__":
    main()
