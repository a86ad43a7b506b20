"""The printed letter's QR code (issue 14): a phone's camera reads the configured
PW_SITE_URL and the parent's own link, not 127.0.0.1:8000. The QR code is decoded from
what the browser draws, as a camera would (zxing-cpp)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from PIL import Image

from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.schools.tests.personas import make_personas, sign_in
from tests.browser.conftest import shot
from tests.production import REPO, free_port

pytestmark = pytest.mark.slow


def decoded_qr_code(page) -> str:
    """The text of the letter's QR code, read from a screenshot of it."""
    png = page.locator("svg.qr-code").screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, "no QR code found in the letter"
    return str(results[0].text)


def signed_in_browser(page, base: str, user) -> None:
    """The browser gets the session of a signed-in user (two-factor done)."""
    client = Client()
    sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def test_the_letters_qr_code_decodes_to_the_configured_site_url(page, live_server,
                                                                transactional_db):
    site = "http://192.0.2.10:8123"  # as scripts/start sets it (PW_SITE_URL)
    settings.SITE_URL = site
    try:
        p = make_personas()
        do_set_up_consent(p.school)
        signed_in_browser(page, live_server.url, p.communicatie.user)

        page.goto(f"{live_server.url}/toestemming/ouders/{p.parent.pk}/brief/")
        page.get_by_role("button", name="Maak de brief").click()
        page.wait_for_load_state()
        shot(page, "letter-1")

        url = decoded_qr_code(page)
    finally:
        del settings.SITE_URL

    assert url.startswith(f"{site}/toestemming/ouder/")
    assert url == page.locator(".guardian-letter__url code").inner_text()
    # The link in the code is the parent's own: it opens their page.
    page.context.clear_cookies()
    page.goto(live_server.url + url.removeprefix(site))
    assert page.get_by_role("heading", name="Foto's en video's van uw kind").is_visible()


def test_a_start_on_another_port_prints_letters_that_point_at_that_port(page, tmp_path: Path):
    """scripts/start for real, on a free port: the demo's communicatie makes a letter, and
    its QR code holds that port (not the default 127.0.0.1:8000)."""
    from protocolwijzer.schools.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    port = free_port()
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update({"PW_PORT": str(port), "PW_DATA_DIR": str(tmp_path),
                "PW_SECURE_COOKIES": "false"})
    server = subprocess.Popen([str(REPO / "scripts" / "start")], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, server.stdout.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "scripts/start did not answer in time"
            try:
                if page.request.get(f"{base}/health/").ok:
                    break
            except Exception:  # not listening yet
                pass
            time.sleep(1)

        page.goto(f"{base}/inloggen/")
        page.get_by_label("E-mailadres").fill(_demo_email("communicatie", tmp_path, env))
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/inloggen/2fa/**")
        page.locator("input[name=code]").fill(f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}")
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_url("**/school/")
        page.locator(".link-list a").first.click()  # the first group
        page.get_by_role("link", name="Antwoorden van ouders, brieven en papieren formulieren"
                         ).click()
        page.locator(".guardian-list a").first.click()
        page.get_by_role("button", name="Maak de brief").click()
        page.wait_for_load_state()
        shot(page, "letter-2-scripts-start")

        url = decoded_qr_code(page)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    assert url.startswith(f"http://127.0.0.1:{port}/toestemming/ouder/")


def _demo_email(role: str, data_dir: Path, env: dict[str, str]) -> str:
    """The e-mail address of the demo's person in ``role`` at the first school, read from
    the started server's own database."""
    script = ("from protocolwijzer.schools.models import Person; "
              f"print(Person.objects.filter(role='{role}').order_by('school__name', 'pk')"
              ".select_related('user').first().user.email)")
    result = subprocess.run([str(REPO / ".venv" / "bin" / "protocolwijzer"), "manage", "shell",
                             "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                            check=True, timeout=60)
    return result.stdout.strip().splitlines()[-1]
