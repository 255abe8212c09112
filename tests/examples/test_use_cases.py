"""Every script of ``examples/use_cases`` runs as a user would run it, and prints what it should.

Each script is run as ``python examples/use_cases/ucNN_*.py`` in its own process, with no
``COGNITO_*`` settings but ``COGNITO_ENDPOINT``: a fresh local server started here for this
module, on which each script makes its own pool (starting a server per script would double the
time). The scripts in :data:`OWN_SERVER` get no endpoint and start their own embedded server,
as a reader's plain ``python ucNN_...py`` does (use case 25 must: the server runs its custom
auth triggers, imported from the script's folder). The scripts run once, a few at a time; each
test then checks one script's exit status and the lines in :data:`EXPECTED`. A new script is
picked up by the glob, and fails until it has an entry there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cognito_identity.server.config import ServerConfig
from cognito_identity.server.embedded import EmbeddedServer

USE_CASES = Path(__file__).resolve().parents[2] / "examples" / "use_cases"
SCRIPTS = sorted(USE_CASES.glob("uc[0-9][0-9]_*.py"))
TIMEOUT = 90
WORKERS = 4
#: Every password the scripts make starts with this (see ``_setup.new_password``).
PASSWORD_PREFIX = "Aa1!"
OWN_SERVER = {"uc01_sign_up", "uc25_custom_auth"}

EXPECTED: dict[str, list[str]] = {
    "uc01_sign_up": ["user name is user-", "confirmed: False", "'DeliveryMedium': 'EMAIL'"],
    "uc02_confirm_registration": ["call result: SUCCESS"],
    "uc03_resend_confirmation_code": ["call result: {'CodeDeliveryDetails'", "'EMAIL'"],
    "uc04_authenticate_user": ["signed in; access token of", "Successfully logged!"],
    "uc05_get_user_attributes": ["attribute sub has value", "attribute nickname has value joe"],
    "uc06_verify_attribute": ["code sent to: u***@e*** by EMAIL", "call result: SUCCESS"],
    "uc07_delete_attributes": ["call result: SUCCESS", "nickname still there: False"],
    "uc08_update_attributes": ["call result: SUCCESS", "nickname in the ID token: joe"],
    "uc09_enable_mfa": ["call result: SUCCESS", "MFA methods: ['SMS_MFA']"],
    "uc10_disable_mfa": ["call result: SUCCESS", "MFA methods: []"],
    "uc11_change_password": ["call result: SUCCESS", "signed in with the new password: True"],
    "uc12_forgot_password": ["Code sent to: u***@e*** by EMAIL", "Password confirmed!"],
    "uc13_delete_user": ["call result: SUCCESS", "current user afterwards: None"],
    "uc14_sign_out": ["current user before: CognitoUser('user-", "current user after: None"],
    "uc15_global_sign_out": ["call result: SUCCESS", "old refresh token refused:"],
    "uc16_current_user": ["session validity: True", "'email_verified': 'true'", "identity: us-"],
    "uc17_identity_credentials": ["You are now logged in.", "Successfully logged!", "identity:"],
    "uc18_list_devices": ["remembered: True", "devices: 1"],
    "uc19_get_device": ["device key: us-east-1_", "device name: ", "remembered: False"],
    "uc20_remember_device": [
        "ask the user to remember this device: True",
        "call result: SUCCESS",
        "remembered: True",
    ],
    "uc21_do_not_remember_device": ["call result: SUCCESS", "remembered: False"],
    "uc22_forget_device": ["devices before: 1", "call result: SUCCESS", "devices after: 0"],
    "uc23_new_password_required": [
        "challenge: NEW_PASSWORD_REQUIRED",
        "new password set; signed in as user-",
    ],
    "uc24_mfa_settings": ['"PreferredMfaSetting": "SMS_MFA"', '"SMS_MFA"\n  ]'],
    "uc25_custom_auth": ["the pool asks: What is 6 * 7?", "signed in without a password: True"],
    "uc26_cookie_storage": [".idToken", ".refreshToken", ".LastAuthUser", "request 2 is signed"],
    "uc27_select_mfa_totp": [
        "challenge: MFA_SETUP",
        "challenge: SOFTWARE_TOKEN_MFA",
        "signed in with TOTP: True",
    ],
    "uc28_sms_mfa_preference": ["call result SUCCESS", "preferred: SMS_MFA"],
    "uc29_totp_mfa_preference": [
        "verify: {'Status': 'SUCCESS'}",
        "call result SUCCESS",
        "preferred: SOFTWARE_TOKEN_MFA",
    ],
    "uc30_user_password_auth": ["code sent by SMS to +*******5555", "signed in: True"],
    "uc31_get_user_data": ["User data for user user-", "email_verified = true", "refetched: True"],
    "uc32_token_expiry": ["new ID token, valid: True", "TOKEN SUCCESSFULLY UPDATED"],
}


def run_script(script: Path, endpoint: str) -> subprocess.CompletedProcess[str]:
    """``python <script>`` on the local server at ``endpoint`` (or its own, see OWN_SERVER)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COGNITO_")}
    if script.stem not in OWN_SERVER:
        env["COGNITO_ENDPOINT"] = endpoint
    return subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        stdin=subprocess.DEVNULL,  # a script that asks for input fails instead of hanging
        check=False,
    )


@pytest.fixture(scope="module")
def outcomes(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every script's result, run a few at a time against a fresh server."""
    db = tmp_path_factory.mktemp("use-cases") / "pool.sqlite3"
    config = ServerConfig(db_url=f"sqlite:///{db}", log_messages=False)
    with EmbeddedServer(config) as server, ThreadPoolExecutor(WORKERS) as pool:
        results = pool.map(lambda script: run_script(script, server.endpoint), SCRIPTS)
        return {script.stem: result for script, result in zip(SCRIPTS, results, strict=True)}


def test_there_is_one_script_per_use_case() -> None:
    assert [int(script.name[2:4]) for script in SCRIPTS] == list(range(1, 33))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_use_case_script(
    script: Path, outcomes: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = outcomes[script.stem]
    assert result.returncode == 0, result.stderr[-3000:]
    assert script.stem in EXPECTED, f"add the expected output of {script.name} to EXPECTED"
    for expected in EXPECTED[script.stem]:
        assert expected in result.stdout, f"{expected!r} not in:\n{result.stdout}"
    assert PASSWORD_PREFIX not in result.stdout + result.stderr  # never print a password


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_use_case_script_is_documented(script: Path) -> None:
    """A docstring naming the JS use case, ``main()``, and the ``__main__`` guard."""
    source = script.read_text()
    number = int(script.name[2:4])
    assert source.startswith(f'"""Use case {number}:')
    assert "\ndef main() -> " in source
    assert source.rstrip().endswith('if __name__ == "__main__":\n    main()')
