"""Fixtures for driving the ``protocolwijzer`` command the way a user or script does."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from protocolwijzer import i18n
from protocolwijzer.cli import main


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
