"""Helpers for tests that run Protocolwijzer as a production server would: a fresh
environment with only the documented variables, a free loopback port, waiting for it."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE = "protocolwijzer.example.nl"


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Only the variables docs/operations.md tells an operator to set, nothing from the
    developer's environment or from other tests (the browser tests set variables that
    `check --deploy` flags)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update({
        "PW_SECRET_KEY": secrets.token_urlsafe(50),
        "PW_ALLOWED_HOSTS": SITE,
        "PW_SITE_URL": f"https://{SITE}",
        "PW_BEHIND_PROXY": "true",
        "PW_SSL_REDIRECT": "true",
        "PW_HSTS_SECONDS": "31536000",
        "PW_DATA_DIR": str(data_dir),
    })
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(port: int, path: str, headers: dict[str, str] | None = None,
        method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request as the reverse proxy sends it: the site's Host, over HTTPS."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, headers={"Host": SITE, "X-Forwarded-Proto": "https",
                                                  **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_until_healthy(port: int, process: subprocess.Popen[bytes],
                       seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("the server stopped before it answered")
        try:
            if get(port, "/health/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"no answer from /health/ within {seconds} s")
