"""`scripts/start` gives the links in mails and on printed letters (and their QR code) the
address the development server answers on, not the default 127.0.0.1:8000 (issue 14).

The full start on another port, with the letter's QR code decoded, is the browser test
tests/browser/test_letter_qr_code.py."""

from __future__ import annotations

import subprocess

import pytest

from protocolwijzer import serve
from tests.production import REPO


@pytest.mark.parametrize(("host", "port", "url", "allowed"), [
    ("127.0.0.1", "8123", "http://127.0.0.1:8123", "127.0.0.1"),
    ("localhost", 9000, "http://localhost:9000", "localhost"),
    ("::1", "8123", "http://[::1]:8123", "[::1]"),
    ("192.0.2.7", "8000", "http://192.0.2.7:8000", "192.0.2.7"),
])
def test_the_links_name_the_host_and_port_the_server_answers_on(
        host: str, port: str | int, url: str, allowed: str) -> None:
    assert serve.development_site_url(host, port) == (url, allowed)


def test_serving_on_every_interface_links_to_this_machines_network_address(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "_own_network_address", lambda: "192.0.2.7")

    assert serve.development_site_url("0.0.0.0", "8000") == (  # nosec B104 # an argument
        "http://192.0.2.7:8000", "192.0.2.7")


def test_serving_on_every_interface_without_a_network_falls_back_to_loopback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "_own_network_address", lambda: None)

    assert serve.development_site_url("::", 8000) == ("http://127.0.0.1:8000", "127.0.0.1")


def test_the_start_script_asks_for_the_address_as_the_function_gives_it() -> None:
    result = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m",
                             "protocolwijzer.serve", "--development-site-url", "127.0.0.1",
                             "8123"], capture_output=True, text=True, check=True, timeout=60)

    assert result.stdout.splitlines() == ["http://127.0.0.1:8123", "127.0.0.1"]
    assert "--development-site-url" in (REPO / "scripts" / "start").read_text()
