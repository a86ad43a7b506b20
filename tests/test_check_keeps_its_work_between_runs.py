"""`protocolwijzer check` keeps what it worked out (the validated protocol, the text
analysis's patterns and tables) in its cache directory, and a check decides the same with
the cache as without it, whatever happened to the cache or the protocol file in between.

Each check here is a new process, as a user's or a script's is: the cache only matters
between processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from protocolwijzer.engine.protocol import builtin_protocol_paths
from tests.scenario import ROERMOND, WILLIBRORD, photo, situation

TEXT = ("Trots op onze leerlingen van groep 8 na de musical! Bel Sanne de Vries op "
        "06-12345678. Dit is mijn eigen mening.")
SITUATIONS = [
    situation(WILLIBRORD, "staff", "publish", channel="facebook", account="personal",
              post={"text": TEXT, "media": [photo("given", "unknown")]}),
    situation(ROERMOND, "student", "publish", channel="instagram", account="personal",
              post={"text": "Die meester is echt een idioot, ik weet waar hij woont."}),
    situation(ROERMOND, "staff", "publish", channel="facebook", account="school",
              post={"media": [photo("given")]}),
]


def run_check(situation_data: dict[str, Any], tmp_path: Path, cache: Path | None,
              protocol: str | None = None, hash_seed: str = "random") -> tuple[int, str]:
    """One `protocolwijzer check FILE --format json` in a process of its own."""
    file = tmp_path / "situatie.json"
    file.write_text(json.dumps(situation_data), encoding="utf-8")
    argv = [sys.executable, "-m", "protocolwijzer.cli", "check", str(file), "--format", "json"]
    if protocol is not None:
        argv += ["--protocol", protocol]
    env = {**os.environ, "PW_LANGUAGE": "nl", "PW_CACHE_DIR": str(cache) if cache else "",
           "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False,
                          timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, done.stdout


def test_a_check_decides_the_same_without_the_cache_with_a_new_one_and_with_a_filled_one(
        tmp_path):
    cache = tmp_path / "cache"
    for data in SITUATIONS:
        without = run_check(data, tmp_path, None)
        filling = run_check(data, tmp_path, cache)
        filled = run_check(data, tmp_path, cache)
        assert filling == without
        assert filled == without
    assert any(cache.glob("protocol-*.json")), "the protocol is kept in the cache"


def test_a_second_check_finds_everything_it_needs_in_the_cache(tmp_path):
    # Different hash seeds: a pattern built from a set in set order would differ from
    # process to process, be compiled anew each time and written again.
    cache = tmp_path / "cache"
    run_check(SITUATIONS[0], tmp_path, cache, hash_seed="1")
    kept = {entry.name: entry.read_bytes() for entry in cache.iterdir()}
    assert {name.split("-")[0] for name in kept} == {"protocol", "regex", "table"}

    run_check(SITUATIONS[0], tmp_path, cache, hash_seed="2")

    assert {entry.name: entry.read_bytes() for entry in cache.iterdir()} == kept


def test_analyse_text_gives_the_same_analysis_with_the_cache(tmp_path):
    cache = tmp_path / "cache"
    texts = [TEXT, "Ikhaatmoslims, mosims moeten weg", "Lekker weertje vandaag!"]

    def analyse(text: str, cache_dir: Path | None) -> str:
        env = {**os.environ, "PW_LANGUAGE": "nl",
               "PW_CACHE_DIR": str(cache_dir) if cache_dir else ""}
        return subprocess.run([sys.executable, "-m", "protocolwijzer.cli", "analyse-text",
                               text], capture_output=True, text=True, env=env, check=True,
                              timeout=120).stdout

    for text in texts:
        without = analyse(text, None)
        assert analyse(text, cache) == without
        assert analyse(text, cache) == without


def test_a_changed_protocol_file_is_never_decided_by_its_old_cache(tmp_path):
    cache = tmp_path / "cache"
    protocol = tmp_path / "ons-protocol.yaml"
    original = builtin_protocol_paths()[WILLIBRORD].read_text(encoding="utf-8")
    protocol.write_text(original, encoding="utf-8")
    # Forbidden only by A.5: a photo with someone who did not say yes.
    data = situation(WILLIBRORD, "staff", "publish", channel="facebook", account="personal",
                     post={"media": [photo("given", "unknown")]})
    code, before = run_check(data, tmp_path, cache, protocol=str(protocol))
    assert json.loads(before)["verdict"] == "forbidden"

    # The school loosens A.5: people without consent no longer make a recording forbidden.
    loosened = original.replace("condition: {media.people_without_consent: 0}",
                                "condition: {media.people_without_consent: {lte: 5}}", 1)
    assert loosened != original
    protocol.write_text(loosened, encoding="utf-8")
    code, after = run_check(data, tmp_path, cache, protocol=str(protocol))
    verdict = json.loads(after)
    assert verdict["verdict"] != "forbidden"
    assert "A.5" not in [f["article"] for f in verdict["findings"]
                         if f["effect"] == "forbidden"]
    assert (code, after) == run_check(data, tmp_path, None, protocol=str(protocol))

    # And back again: the first text is decided as it was, not by the loosened one.
    protocol.write_text(original, encoding="utf-8")
    assert run_check(data, tmp_path, cache, protocol=str(protocol))[1] == before


def _garbage(entry: Path) -> None:
    entry.write_bytes(b"\x00\xff not json {[")


def _truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def _valid_json_of_the_wrong_shape(entry: Path) -> None:
    content = json.loads(entry.read_bytes())
    if isinstance(content, dict) and "data" in content:
        content["data"] = {"sections": 5, "rules": "none"}  # right name, wrong content
    else:
        content = {"unexpected": [1, 2, 3]}
    entry.write_text(json.dumps(content), encoding="utf-8")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _valid_json_of_the_wrong_shape])
def test_a_damaged_cache_is_ignored_and_written_again(tmp_path, damage):
    cache = tmp_path / "cache"
    data = SITUATIONS[0]
    expected = run_check(data, tmp_path, None)
    assert run_check(data, tmp_path, cache) == expected
    entries = sorted(cache.glob("*.json"))
    assert len(entries) >= 2  # the protocol, and the text analysis's patterns
    for entry in entries:
        damage(entry)

    assert run_check(data, tmp_path, cache) == expected

    protocol_entry = json.loads(next(cache.glob("protocol-*.json")).read_bytes())
    assert protocol_entry["data"]["id"] == WILLIBRORD, "the damaged entry was written again"
    assert run_check(data, tmp_path, cache) == expected


def test_a_cache_entry_of_another_protocol_is_not_taken_for_this_one(tmp_path):
    cache = tmp_path / "cache"
    willibrord, roermond = SITUATIONS[0], {**SITUATIONS[0], "protocol": ROERMOND}
    expected = run_check(willibrord, tmp_path, None)
    run_check(willibrord, tmp_path, cache)
    run_check(roermond, tmp_path, cache)
    own, other = (next(cache.glob(f"protocol-*{key}*.json")) for key in (
        _entry_key(cache, WILLIBRORD), _entry_key(cache, ROERMOND)))
    shutil.copyfile(other, own)  # Roermond's entry under Willibrord's name

    assert run_check(willibrord, tmp_path, cache) == expected


def test_a_cache_directory_others_may_write_to_is_not_read(tmp_path):
    cache = tmp_path / "cache"
    data = SITUATIONS[0]
    expected = run_check(data, tmp_path, cache)
    entry = next(cache.glob("protocol-*.json"))
    planted = json.loads(entry.read_bytes())
    for rule in planted["data"]["rules"]:
        rule["message"] = "GEPLANT"
    entry.write_text(json.dumps(planted), encoding="utf-8")

    cache.chmod(0o777)
    assert run_check(data, tmp_path, cache) == expected
    # The same entry in a directory that is only ours is trusted: the check above could fail.
    cache.chmod(0o700)
    entry.write_text(json.dumps(planted), encoding="utf-8")
    entry.chmod(0o600)
    assert "GEPLANT" in run_check(data, tmp_path, cache)[1]


def _entry_key(cache: Path, protocol_id: str) -> str:
    for entry in cache.glob("protocol-*.json"):
        if json.loads(entry.read_bytes())["data"]["id"] == protocol_id:
            return entry.name.split("-")[1]
    raise AssertionError(f"no entry for {protocol_id}")
