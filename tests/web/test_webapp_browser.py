"""The example web app (examples/webapp) clicked through in headless Chromium, as a person would:
sign up (a weak password first) -> confirm with the emailed code -> log in (a wrong password
first) -> MFA code -> welcome shows the attributes -> update one -> log out -> the protected
page sends back to log-in. Codes are read off the page's "local server only" box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from examples.webapp import AppConfig, create_app
from examples.webapp.local import LocalPool, start_local_pool

from .conftest import ServedApp

EMAIL = "alice@example.com"
PASSWORD = "Corr3ct-Horse!"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def local_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPool]:
    database = Path(tmp_path_factory.mktemp("webapp")) / "pool.sqlite3"
    local = start_local_pool(f"sqlite:///{database}")
    yield local
    local.stop()


@pytest.fixture(scope="module")
def site(local_pool: LocalPool) -> Iterator[str]:
    config = AppConfig(local_pool.user_pool_id, local_pool.client_id, local_pool.endpoint)
    with ServedApp(create_app(config)) as served:
        yield served.url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def cognito_cookies(page: Any) -> dict[str, str]:
    cookies = page.context.cookies()
    return {c["name"]: c["value"] for c in cookies if c["name"].startswith("CognitoIdentity")}


def dev_code(page: Any) -> str:
    return str(page.locator("#dev-code code").inner_text())


def sign_up(page: Any, site: str) -> None:
    page.goto(f"{site}/signup")
    page.get_by_label("Name").fill("Alice")
    page.get_by_label("Telephone number").fill("12345")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Sign up").click()
    assert "Use the international format" in page.locator("#phone-error").inner_text()
    assert page.locator("#email-error").inner_text() == "Invalid email address."
    problems = page.locator("#password-error .error").all_inner_texts()
    assert "Password requires a number." in problems
    assert "Password is too short: 8 characters minimum." in problems
    page.get_by_label("Telephone number").fill("+15555550100")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/confirm?email=*")


def confirm(page: Any) -> None:
    assert "Local server only" in page.locator("#dev-code").inner_text()
    page.get_by_label("Confirmation code").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("alert").count() == 1  # wrong code: a clear message, same page
    page.get_by_label("Confirmation code").fill(dev_code(page))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/login?*confirmed=1")
    assert "you can log in now" in page.get_by_role("status").inner_text()


def log_in(page: Any) -> None:
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill("Wr0ng-Password!")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text() == "Incorrect username or password."
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/mfa")
    assert not cognito_cookies(page)  # no tokens before the second factor
    page.get_by_label("Sign-in code").fill(dev_code(page))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/welcome")


def test_the_whole_story(page: Any, site: str, local_pool: LocalPool) -> None:
    sign_up(page, site)
    confirm(page)
    log_in(page)
    assert page.locator(".greeting").inner_text() == "Hi Alice!"
    assert page.locator("#attr-email").inner_text() == EMAIL
    assert page.locator("#attr-phone_number").inner_text() == "+15555550100"
    prefix = f"CognitoIdentityServiceProvider.{local_pool.client_id}"
    cookies = cognito_cookies(page)
    assert cookies[f"{prefix}.LastAuthUser"] == EMAIL  # js-cookie keeps "@" in values...
    # ...and encodes it in names
    assert cookies[f"{prefix}.alice%40example.com.idToken"].startswith("eyJ")

    page.get_by_label("Attribute", exact=True).select_option("nickname")
    page.get_by_label("New value").fill("Al; the =great= 100%")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/welcome?updated=nickname")
    assert page.locator("#attr-nickname").inner_text() == "Al; the =great= 100%"

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login?signed_out=1")
    assert cognito_cookies(page) == {}
    page.goto(f"{site}/welcome")
    page.wait_for_url("**/login?expired=1")


def test_a_protected_page_without_cookies_redirects_to_log_in(page: Any, site: str) -> None:
    page.goto(f"{site}/welcome")
    assert page.url.endswith("/login?expired=1")
    page.goto(site)
    assert page.url.endswith("/login")
