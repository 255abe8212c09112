"""Use case 19: information about the current device.

JS: ``cognitoUser.getDevice({onSuccess, onFailure})`` (GetDevice with the stored device key).
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import Device


def main() -> Device:
    """Returns the device (GetDevice)."""
    setup = env(devices=True)
    user = signed_in_user(setup, setup.pool())  # registers and confirms this device

    device = user.get_device()
    print("device key:", device.key)
    print("device name:", device.name)
    print("remembered:", device.remembered, "| attributes:", sorted(device.attributes))
    return device


if __name__ == "__main__":
    main()
