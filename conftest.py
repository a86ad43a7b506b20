"""Fixtures for driving the ``protocolwijzer`` command the way a user or script does."""

from __future__ import annotations

import io
import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from protocolwijzer import i18n
from protocolwijzer.cli import main

# Commands run by the tests keep nothing in the user's cache directory (``analysis/startcache.py``);
# the tests of that cache give it a directory of their own.
os.environ["PW_CACHE_DIR"] = ""

_connect = socket.socket.connect


def _local_only(sock: socket.socket, address: Any) -> Any:
    """The suite runs offline: nothing may reach beyond this machine (no model or data
    set is fetched at run time, no service is called)."""
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            local = ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = host == "localhost"
        if not local:
            raise ConnectionRefusedError(f"tests run offline: no connection to {host}")
    return _connect(sock, address)


@pytest.fixture(autouse=True, scope="session")
def _offline() -> Any:
    socket.socket.connect = _local_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _connect  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Every test starts with an empty cache: it holds rate-limit counters
    (accounts/ratelimit.py), which would otherwise carry over from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last (see tests/browser/conftest.py for why)."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> Callable[..., Run]:
    """Runs the command in-process, with optional standard input."""

    def _run(*argv: str, stdin: str | bytes = b"") -> Run:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        finally:
            i18n.activate(i18n.DEFAULT_LANGUAGE)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return _run


@pytest.fixture
def check(run: Callable[..., Run]) -> Callable[..., Run]:
    """Checks one situation (a dict) with ``check - --format json``."""

    def _check(situation: dict[str, Any], *extra: str) -> Run:
        return run("check", "-", "--format", "json", *extra, stdin=json.dumps(situation))

    return _check


REDIS_SERVER = Path("/usr/bin/redis-server")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throw-away Debian redis-server on a free loopback port, without persistence, for
    the tests of one module; stopped afterwards. scripts/test installs the package."""
    if not os.access(REDIS_SERVER, os.X_OK):
        pytest.skip(f"{REDIS_SERVER} is missing; scripts/test installs Debian's "
                    "redis-server package")
    import redis

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = subprocess.Popen(
        [str(REDIS_SERVER), "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    try:
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=10)
