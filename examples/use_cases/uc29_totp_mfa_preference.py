"""Use case 29: enabling TOTP MFA and making it the user's preferred method.

JS: ``cognitoUser.setUserMfaPreference(null, {PreferredMfa: true, Enabled: true}, callback)``,
after the app was registered with ``associateSoftwareToken`` and ``verifySoftwareToken``.
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Register an authenticator app, then prefer it; returns ``'SUCCESS'``."""
    setup = env(mfa="OPTIONAL")
    user = signed_in_user(setup, setup.pool())

    secret = user.associate_software_token()  # show it (as a QR code) to the user
    answer = user.verify_software_token(setup.totp_code(secret), "My TOTP device")
    print("verify:", answer)
    totp_mfa_settings = {"PreferredMfa": True, "Enabled": True}
    result = user.set_user_mfa_preference(None, totp_mfa_settings)
    print("call result " + result)
    print("preferred:", user.get_user_data(bypass_cache=True)["PreferredMfaSetting"])
    return result


if __name__ == "__main__":
    main()
