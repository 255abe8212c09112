"""Use case 27: selecting the MFA method and signing in with an authenticator app (TOTP).

JS: ``authenticateUser`` with the callbacks ``mfaSetup`` (-> ``associateSoftwareToken``),
``associateSecretCode`` (-> ``verifySoftwareToken(code, 'My TOTP device')``), ``selectMFAType``
(-> ``sendMFASelectionAnswer``), ``totpRequired`` (-> ``sendMFACode(code, this,
'SOFTWARE_TOKEN_MFA')``) and ``mfaRequired`` (-> ``sendMFACode``). In Python the sign-in
returns one typed challenge after another, each answered by its own method, until a session.
The local pool requires MFA (SMS or TOTP); the user has no phone, so the first sign-in sets up
TOTP and the second asks for a TOTP code.
"""

from __future__ import annotations

from _setup import Env, confirmed_user, env

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserSession,
    MfaSetupChallenge,
    SelectMfaTypeChallenge,
    SmsMfaChallenge,
    TotpChallenge,
)


def sign_in(user: CognitoUser, password: str, setup: Env) -> CognitoUserSession:
    """Answer every challenge until a session comes back."""
    result = user.authenticate_user(AuthenticationDetails(user.get_username(), password))
    while not isinstance(result, CognitoUserSession):
        print("challenge:", result.challenge_name)
        if isinstance(result, MfaSetupChallenge):  # mfaSetup + associateSecretCode
            association = result.associate()  # show association.uri as a QR code
            code = setup.totp_code(association.secret_code)  # the app, given the secret
            result = result.verify(code, "My TOTP device")
        elif isinstance(result, SelectMfaTypeChallenge):  # selectMFAType
            result = result.select("SOFTWARE_TOKEN_MFA")  # one of result.options
        elif isinstance(result, TotpChallenge):  # totpRequired
            result = result.answer(setup.totp_code())
        elif isinstance(result, SmsMfaChallenge):  # mfaRequired
            result = result.answer(setup.code_for(user.get_username()))
        else:
            raise RuntimeError(f"unexpected challenge {result.challenge_name}")
    return result


def main() -> CognitoUserSession:
    """Set up TOTP on the first sign-in, use it on the second; returns the session."""
    setup = env(mfa="ON")
    username, password = confirmed_user(setup)
    user = CognitoUser(username, setup.pool())

    sign_in(user, password, setup)
    user.sign_out()
    session = sign_in(user, password, setup)
    print("signed in with TOTP:", session.is_valid())
    return session


if __name__ == "__main__":
    main()
