"""Use case 6: verifying an attribute of an authenticated user.

JS: ``cognitoUser.getAttributeVerificationCode('email', {onSuccess, onFailure,
inputVerificationCode})``, where ``inputVerificationCode`` prompts for the code and calls
``cognitoUser.verifyAttribute('email', verificationCode, this)``. In Python these are two
plain calls: the first returns where the code went, the second takes it (possibly later, on
another page, as with ``inputVerificationCode: null`` in JS).
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Send a code to the email address, then verify it; returns ``'SUCCESS'``."""
    setup = env()
    user = signed_in_user(setup, setup.pool())

    delivery = user.get_attribute_verification_code("email")
    print("code sent to:", delivery.destination, "by", delivery.delivery_medium)
    result = user.verify_attribute("email", setup.code_for(user.get_username()))
    print("call result: " + result)
    return result


if __name__ == "__main__":
    main()
