"""Use case 21: not remembering a device.

JS: ``cognitoUser.setDeviceStatusNotRemembered({onSuccess, onFailure})``: the device stays
known to the pool (listed, its keys kept here) but does not count as remembered (no MFA skip).
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Remember this device, then change our mind; returns ``'SUCCESS'``."""
    setup = env(devices=True)
    user = signed_in_user(setup, setup.pool())
    user.set_device_status_remembered()

    result = user.set_device_status_not_remembered()
    print("call result: " + result)
    print("remembered:", user.get_device().remembered)
    return result


if __name__ == "__main__":
    main()
