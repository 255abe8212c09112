"""Use case 24: retrieving the MFA settings of a user.

JS: ``cognitoUser.getUserData((err, data) => {const {PreferredMfaSetting, UserMFASettingList}
= data; console.log(JSON.stringify({...}, null, 2))})``, printing e.g.
``{"PreferredMfaSetting": "SMS_MFA", "UserMFASettingList": ["SMS_MFA"]}``.
"""

from __future__ import annotations

import json
from typing import Any

from _setup import env, signed_in_user


def main() -> dict[str, Any]:
    """Returns ``{"PreferredMfaSetting": ..., "UserMFASettingList": [...]}``."""
    setup = env(mfa="OPTIONAL")
    user = signed_in_user(setup, setup.pool(), phone_number="+15555555555")
    user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)  # use case 28

    data = user.get_user_data(bypass_cache=True)  # the cached copy predates the change
    settings = {
        "PreferredMfaSetting": data.get("PreferredMfaSetting"),
        "UserMFASettingList": data.get("UserMFASettingList", []),
    }
    print(json.dumps(settings, indent=2))
    return settings


if __name__ == "__main__":
    main()
