"""Our protocol/ against the OFFICIAL amazon-cognito-identity-js AuthenticationHelper under Node.

One node process runs every case (tests/interop/js/srp_check.js). The library draws its own
private value ``a`` (and the device password and salt) from its secure random source; the script
hands that source bytes chosen here, so both sides know every secret. B comes from our server
functions, so each case checks the library's client maths against our client *and* our server.
"""

from __future__ import annotations

import base64
import functools
import os
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pytest

from cognito_identity.protocol import srp
from cognito_identity.protocol.device import device_secret
from cognito_identity.protocol.srp import (
    SrpClient,
    calculate_u,
    compute_verifier,
    compute_x,
    pad_hex,
    password_claim_signature,
    server_public_b,
    server_session_key,
    verify_password_claim,
)
from cognito_identity.protocol.timestamp import format_timestamp

pytestmark = pytest.mark.node

# A fresh seed each run widens coverage; the failure messages carry it, and
# COGNITO_IDENTITY_TEST_SEED replays a run.
# The JS library draws its private a as 128 random bytes (we draw 32: see srp.PRIVATE_VALUE_BYTES).
JS_SMALL_A_BYTES = 128
SEED = int(os.environ.get("COGNITO_IDENTITY_TEST_SEED", random.SystemRandom().getrandbits(32)))

USERNAMES = [
    "alice",
    "d4c8b2a0-1f2e-4d3c-9b8a-7f6e5d4c3b2a",
    "Ålesund.bjørn@example.com",
    "用户名",
    "Zoë 🚀",
    "+15555550123",
    "ñandú_ÇÃO",
]
PASSWORDS = ["Passw0rd!", "pässwörd-ÄÖÜß", "密码Secret1!", "🔑🔐 emoji 🗝️", "a b\tc", "x" * 200]


@dataclass
class SrpCase:
    pool_name: str
    user_id: str
    password: str
    small_a: int
    small_b: int
    salt_hex: str
    secret_block: str
    timestamp: str

    @functools.cached_property
    def verifier(self) -> int:
        return compute_verifier(int(self.salt_hex, 16), self.pool_name, self.user_id, self.password)

    @functools.cached_property
    def big_b(self) -> int:
        return server_public_b(self.verifier, self.small_b)

    def to_js(self) -> dict[str, Any]:
        return {
            "poolName": self.pool_name,
            "username": self.user_id,
            "password": self.password,
            "aRandom": self.small_a.to_bytes(JS_SMALL_A_BYTES, "big").hex(),
            "salt": self.salt_hex,
            "B": format(self.big_b, "x"),
            "secretBlock": self.secret_block,
            "timestamp": self.timestamp,
        }


@dataclass(frozen=True)
class DeviceCase:
    device_group_key: str
    device_key: str
    random_bytes: bytes  # 128 for the helper's a, then 40 password bytes and 16 salt bytes

    @property
    def random_password(self) -> str:
        return base64.b64encode(self.random_bytes[128:168]).decode()

    @property
    def salt_hex(self) -> str:
        return pad_hex(int.from_bytes(self.random_bytes[168:184], "big"))

    def to_js(self) -> dict[str, Any]:
        return {
            "deviceGroupKey": self.device_group_key,
            "deviceKey": self.device_key,
            "random": self.random_bytes.hex(),
        }


def _salt_hex(rng: random.Random, index: int) -> str:
    raw = bytearray(rng.randbytes(16))
    if index % 4 == 0:
        raw[0] |= 0x80  # top bit set: padHex adds 00
    elif index % 4 == 1:
        raw[0] &= 0x7F
    elif index % 4 == 2:
        raw[0] = 0  # shorter than 16 bytes as a number
        raw[1] &= 0x0F  # odd number of hex digits
    return pad_hex(int.from_bytes(raw, "big"))


def _pool_name(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(9))


def _build_srp_cases(rng: random.Random) -> list[SrpCase]:
    cases = []
    start = int(datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp())
    end = int(datetime(2099, 12, 31, tzinfo=timezone.utc).timestamp())
    for index in range(16):
        small_a = rng.getrandbits(1024)
        if index == 0:
            small_a >>= 900  # a private value with leading zero bytes
        cases.append(
            SrpCase(
                pool_name=_pool_name(rng),
                user_id=USERNAMES[index % len(USERNAMES)] + ("" if index < 7 else f"-{index}"),
                password=PASSWORDS[index % len(PASSWORDS)],
                small_a=small_a,
                small_b=rng.getrandbits(1024),
                salt_hex=_salt_hex(rng, index),
                secret_block=base64.b64encode(rng.randbytes(rng.randrange(1, 1500))).decode(),
                timestamp=format_timestamp(rng.randrange(start, end)),
            )
        )
    return cases


def _build_device_cases(rng: random.Random) -> list[DeviceCase]:
    cases = []
    for index in range(4):
        raw = bytearray(rng.randbytes(184))
        raw[168] = (raw[168] | 0x80) if index % 2 == 0 else (raw[168] & 0x7F)
        group = "-" + base64.b64encode(rng.randbytes(6)).decode().replace("/", "_")
        device_key = f"us-east-1_{uuid.UUID(bytes=rng.randbytes(16))}"
        cases.append(DeviceCase(group, device_key, bytes(raw)))
    return cases


def _device_login_case(rng: random.Random, device: DeviceCase) -> SrpCase:
    """§6.2: device SRP is SRP with poolName = device group key, user = device key."""
    return SrpCase(
        pool_name=device.device_group_key,
        user_id=device.device_key,
        password=device.random_password,
        small_a=rng.getrandbits(1024),
        small_b=rng.getrandbits(1024),
        salt_hex=device.salt_hex,
        secret_block=base64.b64encode(rng.randbytes(64)).decode(),
        timestamp=format_timestamp(rng.randrange(0, 2**32)),
    )


def _date_cases(rng: random.Random) -> list[int]:
    fixed = [
        datetime(2025, 8, 5, 7, 3, 9, tzinfo=timezone.utc),
        datetime(2024, 12, 25, 0, 0, 0, tzinfo=timezone.utc),
        datetime(2024, 2, 29, 23, 59, 59, tzinfo=timezone.utc),
        datetime(2031, 1, 1, 9, 9, 9, tzinfo=timezone.utc),
        datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
    ]
    millis = [int(moment.timestamp()) * 1000 + 999 for moment in fixed]
    millis += [rng.randrange(0, 4102444800000) for _ in range(40)]
    return millis


def _pad_cases(rng: random.Random) -> list[int]:
    values = [0, 1, -1, 20, 236, -20, -236, -128, 128, 255, 256, -255, -256, -32768, srp.N]
    values += [rng.randrange(-(2**3100), 2**3100) for _ in range(40)]
    return values


def _signed_hex(value: int) -> str:
    return format(value, "x") if value >= 0 else "-" + format(-value, "x")


@pytest.fixture(scope="module")
def js(run_node: Any) -> dict[str, Any]:
    rng = random.Random(SEED)
    srp_cases = _build_srp_cases(rng)
    devices = _build_device_cases(rng)
    device_logins = [_device_login_case(rng, device) for device in devices]
    dates = _date_cases(rng)
    pads = _pad_cases(rng)
    payload = {
        "srp": [case.to_js() for case in srp_cases + device_logins],
        "devices": [device.to_js() for device in devices],
        "dates": dates,
        "pads": [_signed_hex(value) for value in pads],
    }
    output = run_node("srp_check.js", payload)
    return {
        "srp": list(zip(srp_cases + device_logins, output["srp"], strict=True)),
        "user_srp": list(zip(srp_cases, output["srp"][: len(srp_cases)], strict=True)),
        "device_srp": list(zip(device_logins, output["srp"][len(srp_cases) :], strict=True)),
        "devices": list(zip(devices, output["devices"], strict=True)),
        "dates": list(zip(dates, output["dates"], strict=True)),
        "pads": list(zip(pads, output["pads"], strict=True)),
    }


def _where(case: Any) -> str:
    return f"seed={SEED} case={case!r}"


def test_library_drew_the_private_value_we_fed_it(js: dict[str, Any]) -> None:
    for case, result in js["srp"]:
        assert int(result["a"], 16) == case.small_a, _where(case)


def test_k_matches(js: dict[str, Any]) -> None:
    for _case, result in js["srp"][:1]:
        assert int(result["k"], 16) == srp.K


def test_large_a_matches_wire_format(js: dict[str, Any]) -> None:
    for case, result in js["srp"]:
        ours = SrpClient.from_private(case.small_a)
        # SRP_A is sent as A.toString(16): same digits, same (absent) padding.
        assert result["A"] == ours.srp_a, _where(case)


def test_u_and_x_match(js: dict[str, Any]) -> None:
    for case, result in js["srp"]:
        ours = SrpClient.from_private(case.small_a)
        assert int(result["u"], 16) == calculate_u(ours.large_a, case.big_b), _where(case)
        x = compute_x(int(case.salt_hex, 16), case.pool_name, case.user_id, case.password)
        assert int(result["x"], 16) == x, _where(case)


def test_shared_secret_matches_server_formula(js: dict[str, Any]) -> None:
    for case, result in js["srp"]:
        large_a = SrpClient.from_private(case.small_a).large_a
        u = calculate_u(large_a, case.big_b)
        server_s = pow(large_a * pow(case.verifier, u, srp.N), case.small_b, srp.N)
        assert int(result["S"], 16) == server_s, _where(case)


def test_session_key_matches_client_and_server(js: dict[str, Any]) -> None:
    for case, result in js["srp"]:
        client = SrpClient.from_private(case.small_a)
        client_key = client.session_key(
            case.pool_name, case.user_id, case.password, case.big_b, int(case.salt_hex, 16)
        )
        server_key = server_session_key(client.large_a, case.big_b, case.small_b, case.verifier)
        assert result["hkdf"] == client_key.hex() == server_key.hex(), _where(case)


def test_signature_matches_and_server_accepts_it(js: dict[str, Any]) -> None:
    for case, result in js["srp"]:
        client = SrpClient.from_private(case.small_a)
        key = client.session_key(
            case.pool_name, case.user_id, case.password, case.big_b, int(case.salt_hex, 16)
        )
        ours = password_claim_signature(
            key, case.pool_name, case.user_id, case.secret_block, case.timestamp
        )
        assert result["signature"] == ours, _where(case)
        server_key = server_session_key(client.large_a, case.big_b, case.small_b, case.verifier)
        assert verify_password_claim(
            server_key,
            case.pool_name,
            case.user_id,
            case.secret_block,
            case.timestamp,
            result["signature"],
        ), _where(case)


def test_device_secret_verifier_config(js: dict[str, Any]) -> None:
    """§6.1 generateHashDevice: random password, padded salt and padded verifier, made by our
    protocol.device from the same random bytes the library drew."""
    for device, result in js["devices"]:
        secret = device_secret(
            device.device_group_key,
            device.device_key,
            device.random_bytes[128:168],
            device.random_bytes[168:184],
        )
        assert result["randomPassword"] == secret.random_password, _where(device)
        assert len(result["randomPassword"]) == 56
        # 32 hex digits, 34 when the top bit is set, fewer when the random salt starts with 0x00.
        assert result["salt"] == secret.salt_hex == device.salt_hex, _where(device)
        assert result["verifier"] == secret.verifier_hex, _where(device)
        # The ConfirmDevice request carries these as base64 of the padded bytes.
        config = secret.verifier_config()
        assert base64.b64decode(config["PasswordVerifier"]).hex() == result["verifier"]
        assert base64.b64decode(config["Salt"]).hex() == result["salt"]
    salts = [len(result["salt"]) for _device, result in js["devices"]]
    assert 34 in salts and 32 in salts, "both salt shapes must be exercised"


def test_device_srp_login_key(js: dict[str, Any]) -> None:
    """§6.2: the library's device SRP key equals ours with poolName = device group key."""
    assert js["device_srp"]
    for case, result in js["device_srp"]:
        client = SrpClient.from_private(case.small_a)
        key = client.session_key(
            case.pool_name, case.user_id, case.password, case.big_b, int(case.salt_hex, 16)
        )
        assert result["hkdf"] == key.hex(), _where(case)


def test_date_helper_format_matches_ours(js: dict[str, Any]) -> None:
    for millis, js_text in js["dates"]:
        assert format_timestamp(millis / 1000) == js_text, f"seed={SEED} millis={millis}"
    assert js["dates"][0][1] == "Tue Aug 5 07:03:09 UTC 2025"


def test_pad_hex_matches_library(js: dict[str, Any]) -> None:
    for value, js_hex in js["pads"]:
        assert pad_hex(value) == js_hex, f"seed={SEED} value={value}"
