"""An article's clauses quote the article and name what implements them; a clause that
does not is refused with the file, line and field."""

from __future__ import annotations

import pytest

from protocolwijzer.engine.clauses import iter_clauses
from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import builtin_protocol, load_protocol_text

PROTOCOL = """\
format: protocolwijzer/1
id: proefschool-2026
title: Protocol sociale media
organisation: Proefschool
version: "2026"
established: {by: Bestuur}
evaluation: {cadence: yearly}
source: {document: Proefprotocol}
sections:
  - id: A
    title: Voor iedereen
    articles:
      - id: A.1
        kind: normative
        text: Het is leerlingen niet toegestaan foto's te plaatsen zonder toestemming.
        clauses:
          - {id: who, text: "leerlingen", rules: [A.1-photos]}
          - {id: what, text: "foto's te plaatsen", rules: [A.1-photos]}
          - {id: unless, text: "zonder toestemming", rules: [A.1-photos]}
  - id: sancties
    title: Sancties
    articles:
      - id: sancties.1
        kind: normative
        text: Wie het protocol overtreedt, krijgt een aantekening in het dossier.
        clauses:
          - {id: consequence, text: "een aantekening in het dossier", consequences: [sancties.1]}
rules:
  - id: A.1-photos
    article: A.1
    effect: forbidden
    roles: [student]
    actions: [publish]
    condition:
      media.people_without_consent: {gt: 0}
    message: Er staan mensen op zonder toestemming.
consequences:
  - article: sancties.1
    kind: dossier
    roles: [student]
    text: Dit komt in je dossier.
"""


def refuse(text: str) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        load_protocol_text(text, filename="protocol.yaml")
    return info.value


def test_clauses_load_with_what_implements_them():
    protocol = load_protocol_text(PROTOCOL)
    assert [(c.ref, c.rules, c.consequences) for c in iter_clauses(protocol.model)] == [
        ("A.1/who", ("A.1-photos",), ()), ("A.1/what", ("A.1-photos",), ()),
        ("A.1/unless", ("A.1-photos",), ()), ("sancties.1/consequence", (), ("sancties.1",))]


def test_a_clause_that_does_not_quote_its_article_is_refused():
    error = refuse(PROTOCOL.replace('text: "zonder toestemming"', 'text: "zonder overleg"'))
    assert [(p.field, p.line) for p in error.problems] == [
        ("sections[0].articles[0].clauses[2].text", 19)]
    assert "A.1/unless" in error.problems[0].message


def test_a_clause_naming_a_rule_that_does_not_exist_is_refused():
    error = refuse(PROTOCOL.replace("rules: [A.1-photos]}\n          - {id: what",
                                    "rules: [A.1-fotos]}\n          - {id: what"))
    assert [p.field for p in error.problems] == ["sections[0].articles[0].clauses[0].rules[0]"]
    assert "A.1-fotos" in error.problems[0].message


def test_a_clause_naming_a_missing_consequence_or_scope_is_refused():
    error = refuse(PROTOCOL.replace("consequences: [sancties.1]}",
                                    "consequences: [sancties.2], scope: [doelgroep.2]}"))
    assert {p.field for p in error.problems} == {
        "sections[1].articles[0].clauses[0].consequences[0]",
        "sections[1].articles[0].clauses[0].scope[0]"}


def test_a_clause_id_outside_who_where_what_unless_consequence_is_refused():
    error = refuse(PROTOCOL.replace("{id: who,", "{id: wie,"))
    assert [p.field for p in error.problems] == ["sections[0].articles[0].clauses[0].id"]
    assert "'wie'" in error.problems[0].message and "what2" in error.problems[0].message


def test_the_same_clause_twice_in_an_article_is_refused():
    error = refuse(PROTOCOL.replace("{id: what,", "{id: who,"))
    assert [p.field for p in error.problems] == ["sections[0].articles[0].clauses[1].id"]


@pytest.mark.parametrize("protocol_id", ["praktijkonderwijs-roermond-2015",
                                         "willibrord-miland-2023"])
def test_every_normative_article_of_the_seeds_is_split_into_implemented_clauses(protocol_id):
    protocol = builtin_protocol(protocol_id)
    clauses = list(iter_clauses(protocol.model))
    split = {clause.article for clause in clauses}
    normative = {a.id for a in protocol.iter_articles() if a.is_normative}
    assert normative <= split
    assert [c.ref for c in clauses if c.article in normative and not c.is_implemented] == []
    # Every normative article names whom it binds or what it regulates, not only sanctions.
    assert all({c.id.rstrip("23456789") for c in clauses if c.article == article}
               & {"who", "what", "consequence"} for article in normative)
