"""What the text analysis finds a message to mean reaches the articles of both seeds
(issue 11, points 2, 4, 5), whatever words the analyser recognises it by.

The scenario files (protocols/data/scenarios/*/issue-11-text.yaml) check the same through
`protocolwijzer check` with real messages; these tests hold the rules to their meaning when
an analysis says so, so a change of wording in the analyser cannot hide a broken rule.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from protocolwijzer.analysis import analyse_text
from protocolwijzer.engine.evaluate import Verdict, evaluate
from protocolwijzer.engine.protocol import builtin_protocol
from protocolwijzer.engine.situation import parse_situation

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"
NEUTRAL = "Tot morgen, dan bespreken we het verder."


def decide(protocol_id: str, found: dict[str, Any], text: str = NEUTRAL,
           **situation: Any) -> Verdict:
    protocol = builtin_protocol(protocol_id)
    parsed = parse_situation({"actor": {"role": "staff"}, "context": "off_duty",
                              "school_related": True, "action": "contact",
                              "channel": "instagram", "account": "personal",
                              "target": {"role": "student"}, **situation,
                              "post": {"text": text}}, protocol_id)
    analysis = dataclasses.replace(analyse_text(text), **found)
    return evaluate(protocol, parsed, analysis)


def forbidding(verdict: Verdict) -> set[str]:
    return {f.article for f in verdict.findings if f.effect == "forbidden"}


def following(verdict: Verdict) -> list[tuple[str, str]]:
    return [(c.article, c.kind) for c in verdict.consequences]


CROSSING = {"boundary_kinds": ("looks", "meeting_alone", "secrecy")}


def test_boundary_crossing_to_a_pupil_is_reported_to_the_vertrouwensinspecteur_in_willibrord():
    verdict = decide(WILLIBRORD, CROSSING, account="professional")
    assert forbidding(verdict) == {"A.9"}
    escalation = [c for c in verdict.consequences if c.kind == "escalation"]
    assert [c.article for c in escalation] == ["sancties.2"]
    assert escalation[0].text.startswith("Dit is grensoverschrijdend contact")
    assert escalation[0].contact == "0900-1113111"
    assert ("sancties.6", "legal_duty") in following(verdict)


def test_boundary_crossing_to_a_pupil_shows_the_meldplicht_in_roermond():
    verdict = decide(ROERMOND, CROSSING)
    assert forbidding(verdict) == {"A.6", "C.4"}
    duty = [c for c in verdict.consequences if c.kind == "legal_duty"]
    assert [c.article for c in duty] == ["sancties.B.2"]
    assert "art. 4a WPO" in duty[0].text and duty[0].contact == "0900-1113111"


@pytest.mark.parametrize("protocol_id", [ROERMOND, WILLIBRORD])
def test_the_same_words_to_a_colleague_are_no_boundary_crossing(protocol_id):
    verdict = decide(protocol_id, CROSSING, target={"role": "staff"})
    assert verdict.verdict == "allowed"


@pytest.mark.parametrize("protocol_id", [ROERMOND, WILLIBRORD])
def test_a_pupils_boundary_crossing_message_to_a_teacher_has_the_pupils_sanctions(protocol_id):
    verdict = decide(protocol_id, CROSSING, actor={"role": "student"},
                     target={"role": "staff", "account": "personal"})
    assert forbidding(verdict) == {"A.6" if protocol_id == ROERMOND else "A.9"}
    assert {kind for _, kind in following(verdict)} == {"dossier", "measures"}


def test_an_insult_is_only_possibly_grensoverschrijdend_in_willibrord():
    verdict = decide(WILLIBRORD, {"abusive": True, "abuse_kinds": ("insult",)},
                     account="school", channel="class_group_app", context="work")
    escalation = [c for c in verdict.consequences if c.kind == "escalation"]
    assert len(escalation) == 1
    assert escalation[0].text.startswith("Dit is niet vanzelf grensoverschrijdend")
    assert not [c for c in verdict.consequences if c.kind == "legal_duty"]


@pytest.mark.parametrize("kind", ["sexual_image_minor", "sextortion", "doxxing_call",
                                  "incitement", "discrimination", "defamation"])
@pytest.mark.parametrize(("protocol_id", "decency", "aangifte"),
                         [(ROERMOND, "A.6", "sancties.B.2"), (WILLIBRORD, "A.9", "sancties.6")])
def test_every_possibly_criminal_statement_leads_to_aangifte(protocol_id, decency, aangifte,
                                                             kind):
    verdict = decide(protocol_id, {"criminal_kinds": (kind,)}, actor={"role": "parent"},
                     action="publish", channel="facebook", target=None)
    assert forbidding(verdict) == {decency}
    assert (aangifte, "aangifte") in following(verdict)


@pytest.mark.parametrize("protocol_id", [ROERMOND, WILLIBRORD])
def test_confidential_information_is_forbidden_by_a2_and_c1(protocol_id):
    verdict = decide(protocol_id, {"confidential": True}, action="publish",
                     channel="facebook", target=None)
    assert {"A.2", "C.1"} <= forbidding(verdict)


@pytest.mark.parametrize(("protocol_id", "articles"),
                         [(ROERMOND, {"C.1", "C.5"}), (WILLIBRORD, {"C.1"})])
def test_running_the_school_down_is_forbidden_at_work_too(protocol_id, articles):
    verdict = decide(protocol_id, {"reputation_harm": True}, action="publish",
                     channel="facebook", context="work", target=None)
    assert forbidding(verdict) == articles


def test_own_number_offered_for_a_lift_is_advice_not_a_prohibition_in_roermond():
    text = "Ik rijd vrijdag naar de sportdag. Bel me maar op 06-12345678."
    start = text.index("06-")
    verdict = decide(ROERMOND, {"own_contact_details": True,
                                "own_contact_spans": ((start, start + 11),)}, text=text,
                     actor={"role": "parent"}, action="publish", channel="class_group_app",
                     target=None)
    assert verdict.verdict == "allowed"
    assert [(f.article, f.effect) for f in verdict.findings] == [("A.2", "advice")]
