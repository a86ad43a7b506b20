"""`scripts/serve`, the production start, run for real: gunicorn on a loopback port with
the production settings on a fresh SQLite data directory, behind no proxy."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.production import REPO, SITE, free_port, get, production_env, wait_until_healthy

GUARDIAN_TOKEN = "Gq7xVb2LmN9pRt4sWz8yKc3dHf6jE1uA"
INVITATION_TOKEN = "uitnodiging-7Hk2Pq9Rs4Tv8Wx3Yz6Bc1Df5Gj"
RESET_UID, RESET_TOKEN = "MTIzNDU", "cz4x1q-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d"


@dataclass
class Server:
    port: int
    data_dir: Path
    access_log: Path
    output: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("data")
    logs = tmp_path_factory.mktemp("logs")
    port = free_port()
    env = production_env(data_dir, PW_PORT=str(port), PW_WORKERS="1",
                         PW_ACCESS_LOG=str(logs / "access.log"))
    output = logs / "output.log"
    with output.open("wb") as out:
        process = subprocess.Popen([str(REPO / "scripts" / "serve")], env=env, cwd=REPO,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(port, process)
        yield Server(port, data_dir, logs / "access.log", output)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_the_production_start_answers_the_health_check(server: Server) -> None:
    status, headers, body = get(server.port, "/health/")

    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert "Set-Cookie" not in headers
    assert "no-store" in headers["Cache-Control"]


@pytest.mark.slow
def test_the_production_start_migrated_and_serves_static_files_under_hashed_names(
        server: Server) -> None:
    manifest = json.loads((server.data_dir / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["protocolwijzer/site.css"]
    assert hashed != "protocolwijzer/site.css"

    status, headers, _ = get(server.port, f"/static/{hashed}",
                                {"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    # The pages link the hashed name, so a new release is never served from a stale cache.
    assert f"/static/{hashed}".encode() in get(server.port, "/protocollen/")[2]


@pytest.mark.slow
def test_the_production_start_redirects_plain_http_but_not_the_health_check(
        server: Server) -> None:
    plain = {"X-Forwarded-Proto": "http"}

    assert get(server.port, "/protocollen/", plain)[0] == 301
    assert get(server.port, "/health/", plain)[0] == 200


@pytest.mark.slow
def test_the_access_log_never_shows_a_token_or_a_query_string(server: Server) -> None:
    """Issue 10, point 7: consent links, invitations and password resets carry a secret in
    the path; a log line must not hand it to whoever reads the logs."""
    guardian_page = f"/toestemming/ouder/{GUARDIAN_TOKEN}/"
    requests = [
        f"{guardian_page}?leerling=Sem+Bakker",
        f"/uitnodiging/{INVITATION_TOKEN}/",
        f"/inloggen/wachtwoord-vergeten/{RESET_UID}/{RESET_TOKEN}/",
        "/protocollen/?zoek=Petra.Bakker%40example.nl",
    ]
    for path in requests:
        get(server.port, path, {"Referer": f"https://{SITE}{guardian_page}?stap=2"})
    get(server.port, "/health/")  # gunicorn writes a line when the response is done

    log = server.access_log.read_text()

    for secret in (GUARDIAN_TOKEN, INVITATION_TOKEN, RESET_UID, RESET_TOKEN, "Sem+Bakker",
                   "leerling=", "zoek=", "Petra", "stap=2"):
        assert secret not in log
    assert '"GET /toestemming/ouder/<hidden> HTTP/1.1"' in log
    assert '"GET /uitnodiging/<hidden> HTTP/1.1"' in log
    assert '"GET /inloggen/wachtwoord-vergeten/<hidden> HTTP/1.1"' in log
    assert '"GET /protocollen/ HTTP/1.1" 200' in log
    assert f'"https://{SITE}/toestemming/ouder/<hidden>"' in log  # the referrer


def _serve(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m",
                           "protocolwijzer.serve"], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=False)


def test_the_production_start_refuses_without_secret_key_hosts_and_site_url(
        tmp_path: Path) -> None:
    env = production_env(tmp_path)
    for name in ("PW_SECRET_KEY", "PW_ALLOWED_HOSTS", "PW_SITE_URL"):
        del env[name]

    result = _serve(env)

    assert result.returncode == 2
    for name in ("PW_SECRET_KEY", "PW_ALLOWED_HOSTS", "PW_SITE_URL"):
        assert f"{name} " in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # refused before touching anything


@pytest.mark.parametrize("site_url", ["https://127.0.0.1:8000", "https://localhost",
                                      "https://[::1]:8443", "https://0.0.0.0",
                                      "http://protocolwijzer.example.nl"])
def test_the_production_start_refuses_a_site_url_parents_cannot_safely_use(
        tmp_path: Path, site_url: str) -> None:
    result = _serve(production_env(tmp_path, PW_SITE_URL=site_url))

    assert result.returncode == 2
    assert f"PW_SITE_URL={site_url}" in result.stderr


def test_the_production_start_refuses_debug_mode(tmp_path: Path) -> None:
    result = _serve(production_env(tmp_path, PW_DEBUG="true"))

    assert result.returncode == 2
    assert "PW_DEBUG" in result.stderr
