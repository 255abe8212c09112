"""Use case 18: listing the remembered devices of an authenticated user, page by page.

JS: ``cognitoUser.listDevices(limit, paginationToken, {onSuccess, onFailure})``; the first
call passes ``null`` as the token, each answer carries the next one. In Python the sign-in
confirms this device by itself (its keys are stored and loaded again automatically).
"""

from __future__ import annotations

from _setup import env, signed_in_user

from cognito_identity import Device


def main() -> list[Device]:
    """Returns every device of the user."""
    setup = env(devices=True)
    user = signed_in_user(setup, setup.pool())  # registers and confirms this device
    user.set_device_status_remembered()  # the pool remembers devices on the user's word

    devices: list[Device] = []
    pagination_token = None  # null on the first call, as in JS
    while True:
        page = user.list_devices(10, pagination_token)
        devices += page.devices
        pagination_token = page.pagination_token
        if pagination_token is None:
            break
    # Or simply: devices = list(user.iter_devices())
    for device in devices:
        print("device", device.key, device.name, "remembered:", device.remembered)
    print("devices:", len(devices))
    return devices


if __name__ == "__main__":
    main()
