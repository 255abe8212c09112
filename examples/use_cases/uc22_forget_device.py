"""Use case 22: forgetting the current device.

JS: ``cognitoUser.forgetDevice({onSuccess, onFailure})`` (ForgetDevice, then the device keys
are removed from storage). ``forgetSpecificDevice(deviceKey, ...)`` forgets another one:
``forget_specific_device(device_key)`` here.
"""

from __future__ import annotations

from _setup import env, signed_in_user


def main() -> str:
    """Forget this device; returns ``'SUCCESS'``."""
    setup = env(devices=True)
    user = signed_in_user(setup, setup.pool())
    user.set_device_status_remembered()
    print("devices before:", len(user.list_devices(10).devices))

    result = user.forget_device()
    print("call result: " + result)
    print("devices after:", len(user.list_devices(10).devices))
    return result


if __name__ == "__main__":
    main()
