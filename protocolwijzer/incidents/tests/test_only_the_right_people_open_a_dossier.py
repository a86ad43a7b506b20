"""Who opens a dossier (issue 15): schoolleiding and the handler of a case about the
person get the school's copy; the person themselves and a parent for their child get the
own copy (AVG art. 15) without other people's data; anyone else gets a 404, as if there
were no dossier, and the refusal is in the audit log."""

from __future__ import annotations

import pytest

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.incidents.tests.dossier_world import follow_roermond, warned_case
from protocolwijzer.schools.tests.personas import make_personas, sign_in


@pytest.fixture
def p(db):
    personas = make_personas()
    follow_roermond(personas)
    warned_case(personas)  # handled by the mentor of 1A
    return personas


def test_the_handler_of_the_case_reads_the_pupils_dossier(client, p):
    sign_in(client, p.mentor.user)
    response = client.get(f"/dossier/{p.student.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Leerlingendossier van Sem Bakker" in body
    assert "waarschuwing" in body and "sancties.B.1" in body
    assert f"/dossier/{p.student.pk}.pdf" in body
    event = AuditEvent.objects.get(action="dossier_read")
    assert event.detail == {"person": p.student.pk, "entries": 1, "copy": "school"}


@pytest.mark.parametrize("persona", ["teacher", "communicatie", "mr_lid", "other_teacher"])
def test_another_teacher_or_anyone_else_gets_a_404_and_it_is_audited(client, p, persona):
    sign_in(client, p.user(persona))
    for url in (f"/dossier/{p.student.pk}/", f"/dossier/{p.student.pk}.pdf",
                f"/mijn-dossier/{p.student.pk}.pdf"):
        assert client.get(url).status_code == 404, url
    refused = AuditEvent.objects.filter(action="dossier_refused")
    assert refused.count() == 3
    assert {e.detail["person"] for e in refused} == {p.student.pk}
    assert not AuditEvent.objects.filter(action__in=["dossier_read",
                                                     "dossier_exported"]).exists()


def test_a_guessed_id_that_does_not_exist_is_a_404_too(client, p):
    sign_in(client, p.schoolleider.user)
    assert client.get("/dossier/999999/").status_code == 404
    assert client.get(f"/dossier/{p.other_student.pk}/").status_code == 404  # another school


@pytest.mark.parametrize("persona", ["student", "parent"])
def test_the_pupil_and_their_parent_get_the_own_copy_without_other_people(client, p,
                                                                          persona):
    sign_in(client, p.user(persona))
    body = client.get("/mijn-dossier/").content.decode()
    assert "waarschuwing" in body and "A.5" in body
    for other in (p.classmate, p.mentor, p.schoolleider):
        assert other.last_name not in body
    assert "06-12345678" not in body
    response = client.get(f"/mijn-dossier/{p.student.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    exported = AuditEvent.objects.get(action="dossier_exported")
    assert exported.detail == {"person": p.student.pk, "entries": 1, "copy": "subject"}


def test_a_pupil_cannot_ask_for_a_classmates_copy(client, p):
    warned_case(p, subject=p.classmate)
    sign_in(client, p.student.user)
    assert client.get(f"/mijn-dossier/{p.classmate.pk}.pdf").status_code == 404
    body = client.get("/mijn-dossier/").content.decode()
    assert p.classmate.full_name not in body
