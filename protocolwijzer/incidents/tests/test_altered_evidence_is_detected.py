"""Evidence is hashed on arrival: when the stored original is changed afterwards (or
removed), Evidence.verify() says so and the case page warns the handler not to rely on
it."""

from __future__ import annotations

from django.urls import reverse

from protocolwijzer.incidents.models import Evidence
from protocolwijzer.incidents.tests.case_fixtures import (
    PNG,
    MakeCase,
    client_for,
    make_case,
    p,
    private_media,
)
from protocolwijzer.media.models import private_storage
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["make_case", "p", "private_media"]

WARNING = "Let op: dit bestand is veranderd of verwijderd nadat het binnenkwam"


def test_a_changed_evidence_file_is_shown_as_altered(p: Personas,
                                                     make_case: MakeCase) -> None:
    case = make_case(involved=(p.student,), reporter=p.parent, evidence=PNG)
    evidence = Evidence.objects.get(case=case)
    mentor = client_for(p.user("mentor"))
    url = reverse("incidents:case", args=[case.pk])
    assert evidence.verify()
    assert WARNING not in mentor.get(url).content.decode()

    path = private_storage().path(evidence.name)
    with open(path, "r+b") as handle:  # one byte changed past the application
        handle.seek(30)
        handle.write(b"\x00")

    assert not evidence.verify()
    page = mentor.get(url).content.decode()
    assert WARNING in page
    assert "evidence--altered" in page


def test_a_removed_evidence_file_is_shown_as_altered(p: Personas,
                                                     make_case: MakeCase) -> None:
    case = make_case(involved=(p.student,), reporter=p.parent, evidence=PNG)
    evidence = Evidence.objects.get(case=case)
    private_storage().delete(evidence.name)
    assert not evidence.verify()
    assert WARNING in client_for(p.user("mentor")).get(
        reverse("incidents:case", args=[case.pk])).content.decode()
