"""The log page names every kind of event in a Dutch sentence, never by its code: a
schoolleider reads "legde een papieren toestemmingsformulier vast namens ...", not
``consent_paper_form_recorded``. Every code recorded anywhere has a sentence in the one
table of ``audit/events.py``."""

from __future__ import annotations

import ast
from pathlib import Path

from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.events import KINDS
from protocolwijzer.audit.models import Action
from protocolwijzer.schools.tests.personas import Personas, sign_in

PACKAGE = Path(__file__).resolve().parents[2]


def recorded_action_codes() -> dict[str, str]:
    """Every action code passed to ``do_record`` or the API's ``_audit`` anywhere in the
    package (a string literal, or a module constant holding one), with where it is."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {target.id: node.value.value for node in tree.body
                     if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                     and isinstance(node.value.value, str)
                     for target in node.targets if isinstance(target, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("do_record", "_audit") and node.args):
                continue
            argument = node.args[1] if node.func.id == "_audit" else node.args[0]
            code = None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                code = argument.value
            elif isinstance(argument, ast.Name) and argument.id in constants:
                code = constants[argument.id]
            elif isinstance(argument, ast.IfExp):
                for branch in (argument.body, argument.orelse):
                    if isinstance(branch, ast.Name) and branch.id in constants:
                        found[constants[branch.id]] = f"{path.name}:{node.lineno}"
            if code is not None:
                found[code] = f"{path.name}:{node.lineno}"
    return found


def test_every_action_recorded_anywhere_has_a_sentence() -> None:
    codes = recorded_action_codes()
    assert "consent_paper_form_recorded" in codes  # the scan finds string literals
    assert "groups_linked" in codes  # and module constants
    # In the table of sentences, or at least with a label (read as "<actor> <label>").
    assert {code: where for code, where in codes.items()
            if code not in KINDS and code not in Action.values} == {}


def test_the_log_page_shows_the_new_events_in_dutch(client: Client,
                                                    personas: Personas) -> None:
    for action in ("guardian_link_refused", "guardian_letter_printed",
                   "consent_paper_form_recorded", "all_groups_granted", "consent_purged"):
        do_record(action, actor=personas.user("communicatie"), school=personas.school)
    sign_in(client, personas.user("schoolleider"))

    response = client.get(reverse("audit:log"))
    page = response.content.decode()
    lines = " ".join(line.sentence for day in response.context["days"] for line in day.lines)

    for sentence in ("Cor C. opende ingelogd de link van een ouder en kreeg geen toegang",
                     "Cor C. maakte een brief voor een ouder",
                     "Cor C. legde een papieren toestemmingsformulier vast namens een ouder",
                     "Cor C. gaf een medewerker toegang tot alle groepen",
                     "Na de bewaartermijn zijn de gegevens van vertrokken leerlingen "
                     "verwijderd"):
        assert sentence in page
    for code in ("guardian_link_refused", "guardian_letter_printed", "consent_purged"):
        assert code not in lines


def test_the_log_page_names_the_detail_and_the_object_in_words(client: Client,
                                                                personas: Personas) -> None:
    do_record(Action.ACCESS_REFUSED, actor=personas.user("mentor"), school=personas.school,
              detail={"outcome": 403, "kind": "group", "id": personas.group_1b.pk,
                      "route": "schools:group", "method": "GET", "limit_reached": True})
    do_record(Action.CONSENT_PAPER_FORM_RECORDED, actor=personas.user("communicatie"),
              school=personas.school, target=personas.student,
              detail={"decided_by": personas.parent.pk, "form_dated": "2026-11-30",
                      "decisions": 2})
    sign_in(client, personas.user("schoolleider"))

    page = client.get(reverse("audit:log")).content.decode()

    assert "Mirjam M. kreeg geen toegang tot groep 1B" in page
    assert "antwoord: geen recht" in page
    assert "meer weigeringen deze minuut worden niet gelogd: ja" in page
    assert ("Cor C. legde een papieren toestemmingsformulier vast namens ouder van Sem B."
            in page)
    assert "keuzes: 2" in page and "datum op het formulier: 30 november 2026" in page
    for code in ("outcome:", "limit_reached", "schools.person", "form_dated", "2026-11-30",
                 "schools:group"):
        assert code not in page


def test_an_action_with_only_a_label_reads_as_the_actor_and_the_label(
        client: Client, personas: Personas, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An app that named its action in ``Action`` but not in ``events.py`` is in words."""
    from protocolwijzer.audit import events

    kinds = dict(events.KINDS)
    del kinds["consent_history_viewed"]
    monkeypatch.setattr(events, "KINDS", kinds)
    do_record(Action.CONSENT_HISTORY_VIEWED, actor=personas.user("communicatie"),
              school=personas.school, target=personas.student)
    sign_in(client, personas.user("schoolleider"))

    response = client.get(reverse("audit:log"), {"soort": "cat:other"})
    lines = [line.sentence for day in response.context["days"] for line in day.lines]

    assert lines == ["Cor C. bekeek de toestemmingsgeschiedenis van een leerling"]
