"""Every scenario of the built-in protocols gives, through `protocolwijzer check`, the verdict
a careful school leader expects (protocols/data/scenarios/, format in engine/scenarios.py).

Some files were written from the seed text alone, by writers who never saw the rules
(``written_by: blind-...``); the others were written for the points of issue 11. Each
scenario quotes the sentence of the seed it follows, and that quote must stand in the seed.
"""

from __future__ import annotations

import pytest

from protocolwijzer.engine.clauses import iter_clauses
from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths
from protocolwijzer.engine.scenarios import (
    ScenarioFileError,
    load_scenario_file,
    quoted_verbatim,
    scenarios_of,
    situation_of,
    unmet,
)
from tests.scenario import ROERMOND, SEEDS, WILLIBRORD, needs_seeds

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



def test_each_clause_a_scenario_exercises_is_one_its_expectation_speaks_of():
    """A scenario that names a clause expects something (cited, forbidden, not cited, a
    consequence or none) of the clause's article or of an article implementing it; only
    scope clauses are exercised by any verdict, since every verdict decides the scope."""
    for scenario_file, scenario in SCENARIOS:
        protocol = builtin_protocol(scenario_file.protocol)
        clauses = {clause.ref: clause for clause in iter_clauses(protocol.model)}
        rules = {rule.id: rule for rule in protocol.rules}
        expect = scenario.expect
        spoken_of = {*expect.cites, *expect.forbidden, *expect.not_cited,
                     *expect.consequences, *expect.no_consequences}
        for ref in scenario.clauses:
            clause = clauses[ref]
            if clause.scope:
                continue
            implementing = {clause.article, *clause.consequences}
            for rule_id in clause.rules:
                rule = rules[rule_id]
                implementing.add(rule.article)
                if rule.exception is not None:
                    implementing.add(rule.exception.article)
            assert spoken_of & implementing, f"{scenario.id}: {ref}"


BAD_CLAUSES = f"""\
format: protocolwijzer-scenarios/1
protocol: {WILLIBRORD}
written_by: issue-11
scenarios:
  - id: teacher-befriends-pupil
    seed: "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met leerlingen."
    clauses: [A.6/who, A.6/unless, C.4/who]
    situation: {{actor: {{role: staff}}, context: off_duty, school_related: true,
                action: befriend, target: {{role: student}}}}
    expect: {{verdict: forbidden}}
"""


def test_a_scenario_naming_a_clause_that_does_not_exist_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_CLAUSES, encoding="utf-8")
    with pytest.raises(ScenarioFileError) as info:
        load_scenario_file(path, builtin_protocol(WILLIBRORD))
    # A.6 states no exception (A.12 does), and C.4 is Roermond's, not Willibrord's.
    assert [(p.field, p.line) for p in info.value.problems] == [
        ("scenarios[0].clauses[1]", 7), ("scenarios[0].clauses[2]", 7)]
    assert "A.6/unless" in info.value.problems[0].message


def test_scenarios_standing_with_another_protocol_are_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_CLAUSES.replace(", A.6/unless, C.4/who", ""), encoding="utf-8")
    load_scenario_file(path, builtin_protocol(WILLIBRORD))  # the clauses exist there
    with pytest.raises(ScenarioFileError) as info:
        load_scenario_file(path, builtin_protocol(ROERMOND))
    assert [p.field for p in info.value.problems] == ["protocol"]


def test_both_seeds_have_scenarios_written_blind_and_for_the_issue():
    writers = {(file.protocol, file.written_by.split("-")[0]) for file, _ in SCENARIOS}
    for protocol_id in builtin_protocol_paths():
        assert {(protocol_id, "blind"), (protocol_id, "issue")} <= writers
