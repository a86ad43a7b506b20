"""docs/security.md proves each line of the threat model with a test: every file and test
it names must exist, so the page cannot drift from the suite."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"
# `path/to/test_file.py::test_name`, `::test_name` (same file as before) or `path/to/test_file.py`
REFERENCE = re.compile(r"`((?:tests/|[a-z_]+/)[\w/]*test_\w+\.py)?(?:::(test_\w+))?`")


def _references() -> list[tuple[Path, str | None]]:
    found: list[tuple[Path, str | None]] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        current: Path | None = None
        for match in REFERENCE.finditer(line):
            path, test = match.groups()
            if path:
                whole = path.startswith(("tests/", "protocolwijzer/"))
                current = ROOT / path if whole else ROOT / "protocolwijzer" / path
            if current is not None and (path or test):
                found.append((current, test))
    return found


def test_every_test_the_threat_model_names_exists() -> None:
    references = _references()
    assert len(references) > 40, "the threat model names fewer tests than expected"
    missing = [f"{path.relative_to(ROOT)}::{test or ''}" for path, test in references
               if not path.is_file()
               or (test and not re.search(rf"def {test}\(", path.read_text(encoding="utf-8")))]
    assert not missing, "docs/security.md names tests that do not exist:\n" + "\n".join(missing)
