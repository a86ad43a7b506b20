"""Browser tests: Playwright drives Debian's Chromium against a live test server.

No browser is downloaded: Playwright's own browsers are never installed, it launches
/usr/bin/chromium (scripts/test installs the Debian package when missing).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def _live_server(*args: Any, connections_override: Any = None, **kwargs: Any) -> Any:
    """The live server for the browser tests. On the in-memory SQLite test database its
    request threads would all share the test's one connection (pytest-django passes it to
    them as ``connections_override``), and two requests at once on it (a page loading
    while the editor's preview fetches) fail with "bad parameter or other API misuse" or
    find no session and send the user to the sign-in page. There it answers one request
    at a time (and closes each connection, so no browser waits on a kept-alive one); with
    PostgreSQL every thread has its own connection and the threaded server stays."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIServer

    if connections_override:
        # (the server's thread itself already uses the shared connections)
        return WSGIServer(*args, **kwargs)
    return ThreadedWSGIServer(*args, connections_override=connections_override, **kwargs)


def _serve_the_browser_tests() -> None:
    from django.test.testcases import LiveServerThread

    LiveServerThread.server_class = staticmethod(_live_server)   # type: ignore[assignment]


_serve_the_browser_tests()


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Any]:
    # The test database is created first: once Playwright's loop runs in this thread,
    # Django refuses synchronous database work outside the tests themselves.
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: scripts/test installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, so Django would refuse the
    # tests' own (synchronous, safe) ORM calls and the database flush between them. The
    # root conftest runs browser tests last, and the setting goes when the browser does,
    # so no other test (or subprocess it starts) sees it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _page(browser: Any, options: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(locale="nl-NL", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from _page(browser, DESKTOP)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    yield from _page(browser, PHONE)


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo stichting, as scripts/start loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


def sign_in_to_demo(page: Any, base_url: str, person: Any) -> None:
    """Signs ``person`` of the demo in with its password, and the demo authenticator's code
    when the role asks for a second step; whoever was signed in before is signed out."""
    from django_otp.oath import totp

    from protocolwijzer.schools.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    page.context.clear_cookies()
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("E-mailadres").fill(person.user.email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/inloggen/2fa/" in page.url:
        page.locator("input[name=code]").fill(f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}")
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state()
    assert "/inloggen" not in page.url


SHOTS = os.environ.get("PW_SCREENSHOTS")


def shot(page: Any, name: str, *, full: bool = True) -> None:
    """With PW_SCREENSHOTS set, a screenshot ``name``.png there (the whole page, or what
    the screen shows), to look at."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=full)


def fits_the_screen(page: Any) -> bool:
    """Nothing on the page is wider than the screen (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _in_the_menu(page: Any, role: str, name: str) -> Any:
    """A link or button of the main menu, unfolded first where it is folded behind
    "Menu" (a long menu on a phone), as a user would tap it open."""
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    control = nav.get_by_role(role, name=name, exact=True)
    toggle = nav.locator("summary")
    if toggle.count() and not control.is_visible():
        toggle.click()
    return control


def menu(page: Any, name: str) -> None:
    """Go to a page through the main menu, as a user does."""
    _in_the_menu(page, "link", name).click()
    page.wait_for_load_state()


def sign_out(page: Any) -> None:
    """Sign out with the menu's button."""
    _in_the_menu(page, "button", "Uitloggen").click()
    page.wait_for_load_state()


def serious_accessibility_violations(page: Any) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def accessibility_violations(page: Any) -> list[str]:
    """Every axe-core violation of WCAG 2.1 A/AA on the current page, whatever its impact
    (issue 14 asks for none at all on the teacher's phone list)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results.response["violations"]]
