"""Every scenario of the built-in protocols gives, through `protocolwijzer check`, the verdict
a careful school leader expects (protocols/data/scenarios/, format in engine/scenarios.py).

Some files were written from the seed text alone, by writers who never saw the rules
(``written_by: blind-...``); the others were written for the points of issue 11. Each
scenario quotes the sentence of the seed it follows, and that quote must stand in the seed.
"""

from __future__ import annotations

import pytest

from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths
from protocolwijzer.engine.scenarios import (
    quoted_verbatim,
    scenarios_of,
    situation_of,
    unmet,
)
from tests.scenario import SEEDS, needs_seeds

SCENARIOS = [(scenario_file, scenario) for protocol_id in builtin_protocol_paths()
             for scenario_file, scenario in scenarios_of(protocol_id)]
IDS = [f"{file.protocol}:{scenario.id}" for file, scenario in SCENARIOS]


@pytest.mark.parametrize(("scenario_file", "scenario"), SCENARIOS, ids=IDS)
def test_the_checker_gives_the_verdict_the_scenario_expects(check, scenario_file, scenario):
    result = check(situation_of(scenario_file, scenario))
    assert result.code in (0, 1), result.err
    assert unmet(scenario.expect, result.json) == [], (scenario.seed, result.json)


@needs_seeds
@pytest.mark.parametrize(("scenario_file", "scenario"), SCENARIOS, ids=IDS)
def test_each_scenario_quotes_its_seed_word_for_word(scenario_file, scenario):
    source = (SEEDS / f"{scenario_file.protocol}.txt").read_text(encoding="utf-8")
    assert quoted_verbatim(scenario.seed, source), scenario.seed


def test_scenario_ids_are_unique_and_name_real_articles():
    seen: set[tuple[str, str]] = set()
    for scenario_file, scenario in SCENARIOS:
        key = (scenario_file.protocol, scenario.id)
        assert key not in seen, f"duplicate scenario id {key}"
        seen.add(key)
        articles = builtin_protocol(scenario_file.protocol).articles
        expect = scenario.expect
        for article in (*expect.cites, *expect.forbidden, *expect.not_cited,
                        *expect.consequences, *expect.no_consequences):
            assert article in articles, f"{key}: no article {article}"

