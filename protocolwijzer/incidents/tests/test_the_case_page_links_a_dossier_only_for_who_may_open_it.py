"""The case page links each linked person to their dossier, but only where the reader
may open it (the dossier's own door, ``dossier.may_open_dossier``): the handler reaches
the dossier of the pupil whose behaviour is judged, not the target's; schoolleiding
reaches both."""

from __future__ import annotations

import pytest

from protocolwijzer.incidents.tests.dossier_world import follow_roermond, warned_case
from protocolwijzer.schools.tests.personas import make_personas, sign_in


@pytest.fixture
def p(db):
    personas = make_personas()
    follow_roermond(personas)
    personas.case = warned_case(personas)  # Sem judged, Noor the target; the mentor handles
    return personas


def dossier_links(client, case) -> set[str]:
    body = client.get(f"/meldingen/{case.pk}/").content.decode()
    return {part.split('"')[0] for part in body.split('href="/dossier/')[1:]}


def test_the_handler_gets_a_link_to_the_judged_pupils_dossier_only(client, p):
    sign_in(client, p.mentor.user)
    assert dossier_links(client, p.case) == {f"{p.student.pk}/"}
    body = client.get(f"/meldingen/{p.case.pk}/").content.decode()
    assert "Dossier van Sem Bakker" in body and "Dossier van Noor Visser" not in body
    # The link leads somewhere the handler may go; the target's address stays shut.
    assert client.get(f"/dossier/{p.student.pk}/").status_code == 200
    assert client.get(f"/dossier/{p.classmate.pk}/").status_code == 404


def test_schoolleiding_gets_a_link_for_everyone_linked(client, p):
    sign_in(client, p.schoolleider.user)
    assert dossier_links(client, p.case) == {f"{p.student.pk}/", f"{p.classmate.pk}/"}
