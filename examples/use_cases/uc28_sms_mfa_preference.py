"""Use case 28: enabling SMS MFA and making it the user's preferred method.

JS: ``cognitoUser.setUserMfaPreference({PreferredMfa: true, Enabled: true}, null, callback)``,
then ``console.log('call result ' + result)``.
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Returns ``'SUCCESS'``."""
    setup = env(mfa="OPTIONAL")
    user = signed_in_user(setup, setup.pool(), phone_number="+15555555555")

    sms_mfa_settings = {"PreferredMfa": True, "Enabled": True}
    result = user.set_user_mfa_preference(sms_mfa_settings, None)
    print("call result " + result)
    print("preferred:", user.get_user_data(bypass_cache=True)["PreferredMfaSetting"])
    return result


if __name__ == "__main__":
    main()
