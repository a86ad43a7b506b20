"""Access: a teacher who does not handle a case cannot open it or its evidence by guessing
ids: 404, as for a case that does not exist, and the refusal is in the audit log. The
handler (the pupil's mentor), schoolleiding and the aanspreekpunt (for an anonymous
report) can; every read is audited."""

from __future__ import annotations

from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.incidents.models import Evidence, Report
from protocolwijzer.incidents.tests.case_fixtures import (
    PNG,
    MakeCase,
    client_for,
    make_case,
    p,
    private_media,
)
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["make_case", "p", "private_media"]


def test_a_teacher_not_handling_the_case_gets_404_for_it_and_its_evidence(
        p: Personas, make_case: MakeCase) -> None:
    case = make_case(involved=(p.student,), reporter=p.parent, evidence=PNG)
    evidence = Evidence.objects.get(case=case)
    teacher = client_for(p.user("teacher"))  # teaches Sem's group, but does not handle it

    for url in (reverse("incidents:case", args=[case.pk]),
                reverse("incidents:triage", args=[case.pk]),
                reverse("incidents:evidence", args=[evidence.pk])):
        assert teacher.get(url).status_code == 404
    # A case that does not exist looks the same.
    assert teacher.get(reverse("incidents:case", args=[case.pk + 1000])).status_code == 404
    assert teacher.post(reverse("incidents:close", args=[case.pk]),
                        {"reason": "klaar"}).status_code == 404

    refused = AuditEvent.objects.filter(action="case_refused", actor=p.user("teacher"))
    assert {(e.detail["case"], e.detail["what"]) for e in refused} >= {
        (case.pk, "case"), (case.pk, "evidence")}
    assert refused.filter(school_id=p.school.pk).exists()  # in the school's own log
    assert not AuditEvent.objects.filter(action="case_read").exists()


def test_the_handler_and_schoolleiding_open_it_and_each_read_is_audited(
        p: Personas, make_case: MakeCase) -> None:
    case = make_case(involved=(p.student,), reporter=p.parent, evidence=PNG)
    assert case.handler == p.mentor  # the mentor of the pupil's group handles it
    evidence = Evidence.objects.get(case=case)

    for name in ("mentor", "schoolleider"):
        client = client_for(p.user(name))
        assert client.get(reverse("incidents:case", args=[case.pk])).status_code == 200
        response = client.get(reverse("incidents:evidence", args=[evidence.pk]))
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store, private"
        assert AuditEvent.objects.filter(action="case_read", actor=p.user(name),
                                         object_id=str(case.pk)).count() == 1
        assert AuditEvent.objects.filter(action="evidence_viewed",
                                         actor=p.user(name)).count() == 1


def test_a_beheerder_and_another_schools_staff_get_404(p: Personas,
                                                       make_case: MakeCase) -> None:
    case = make_case(involved=(p.student,), reporter=p.parent)
    for user in (p.beheerder, p.user("other_teacher"), p.user("communicatie")):
        assert client_for(user).get(
            reverse("incidents:case", args=[case.pk])).status_code == 404


def test_the_aanspreekpunt_opens_a_case_from_an_anonymous_report(
        p: Personas, make_case: MakeCase) -> None:
    case = make_case(channel=Report.Channel.ANONYMOUS, to_aanspreekpunt=True,
                     involved=(p.student,))
    assert case.handler == p.communicatie  # the school's aanspreekpunt
    page = client_for(p.user("communicatie")).get(reverse("incidents:case", args=[case.pk]))
    assert page.status_code == 200
    assert "niet bekend (anoniem of openbaar formulier)" in page.content.decode()
    # Another staff member does not: the mentor of the pupil named in it.
    assert client_for(p.user("mentor")).get(
        reverse("incidents:case", args=[case.pk])).status_code == 404
