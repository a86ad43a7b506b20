"""Willibrord-Miland: a staff member's boundary-crossing messages to a pupil, triaged on
the case page, show the duty to call the vertrouwensinspecteur (sancties.2, with the
number from the protocol file) and the legal meldplicht; the case cannot be closed until
both are recorded as done or waived with a reason, and only schoolleiding waives."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.incidents.models import Case, Duty
from protocolwijzer.incidents.tests.case_fixtures import (
    MakeCase,
    client_for,
    make_case,
    p,
    private_media,
)
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["make_case", "p", "private_media"]

MESSAGES = ("je zag er echt mooi uit vandaag. zullen we een keer afspreken, alleen wij "
            "tweeën? zeg maar niks tegen je ouders")


def triage_staff_message(client, case: Case) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("incidents:triage", args=[case.pk]), {
        "actor_role": "staff", "action": "contact", "context": "off_duty",
        "school_related": "yes", "channel": "instagram", "account": "personal",
        "target_role": "student", "text": MESSAGES, "media_kind": "", "media_people": "0",
        "media_consent": "unknown", "severity": "grensoverschrijdend"})
    assert response.status_code == 302, response.content.decode()[-3000:]


def test_boundary_crossing_by_staff_shows_the_duties_and_blocks_closing(
        p: Personas, make_case: MakeCase) -> None:
    case = make_case(involved=(p.teacher, p.student), reporter=p.parent,
                     description=MESSAGES)
    leider = client_for(p.user("schoolleider"))
    case_url = reverse("incidents:case", args=[case.pk])
    leider.post(reverse("incidents:link_person", args=[case.pk]),
                {"person": p.teacher.pk, "part": "subject"})
    leider.post(reverse("incidents:link_person", args=[case.pk]),
                {"person": p.student.pk, "part": "target"})

    triage_staff_message(leider, case)

    case.refresh_from_db()
    assert case.protocol_id == "willibrord-miland-2023"
    assert case.severity == "grensoverschrijdend"
    assert {"A.6", "A.9"} <= set(case.articles)
    kinds = {d.kind: d for d in case.duties.all()}
    assert kinds[Duty.Kind.VERTROUWENSINSPECTEUR].article == "sancties.2"
    assert kinds[Duty.Kind.VERTROUWENSINSPECTEUR].contact == "0900-1113111"
    assert kinds[Duty.Kind.MELDPLICHT].article == "sancties.6"
    page = leider.get(case_url).content.decode()
    assert "de vertrouwensinspecteur bellen" in page
    assert "meldplicht en aangifteplicht (zedendelicten)" in page
    assert "0900-1113111" in page
    assert "A.9" in page.split('id="triage"')[1]  # the articles found broken

    # Closing is refused, naming the open duties.
    response = leider.post(reverse("incidents:close", args=[case.pk]),
                           {"reason": "Afgehandeld."}, follow=True)
    text = response.content.decode()
    assert "kan niet worden gesloten" in text
    assert "de vertrouwensinspecteur bellen (sancties.2)" in text
    case.refresh_from_db()
    assert case.status != Case.Status.CLOSED

    # The handler cannot waive; schoolleiding can, and only with a reason.
    vertrouwens = kinds[Duty.Kind.VERTROUWENSINSPECTEUR]
    meldplicht = kinds[Duty.Kind.MELDPLICHT]
    leider.post(reverse("incidents:handler", args=[case.pk]), {"handler": p.mentor.pk})
    handler = client_for(p.user("mentor"))
    assert handler.post(reverse("incidents:duty", args=[case.pk]), {
        "action": "waive", "duty": meldplicht.pk,
        f"w{meldplicht.pk}-reason": "Niet nodig."}).status_code == 403
    leider.post(reverse("incidents:duty", args=[case.pk]), {
        "action": "waive", "duty": meldplicht.pk, f"w{meldplicht.pk}-reason": ""})
    meldplicht.refresh_from_db()
    assert meldplicht.status == Duty.Status.OPEN

    handler.post(reverse("incidents:duty", args=[case.pk]), {
        "action": "done", "duty": vertrouwens.pk,
        f"d{vertrouwens.pk}-done_on": timezone.localdate().isoformat(),
        f"d{vertrouwens.pk}-reference": "Gesproken met de inspecteur, notitie 12"})
    response = leider.post(reverse("incidents:close", args=[case.pk]),
                           {"reason": "Afgehandeld."}, follow=True)
    assert "meldplicht" in response.content.decode()
    case.refresh_from_db()
    assert case.status != Case.Status.CLOSED

    leider.post(reverse("incidents:duty", args=[case.pk]), {
        "action": "waive", "duty": meldplicht.pk,
        f"w{meldplicht.pk}-reason": "Het bestuur heeft na overleg met de inspecteur geen "
                                    "redelijk vermoeden."})
    leider.post(reverse("incidents:close", args=[case.pk]), {"reason": "Afgehandeld."})
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert {(d.kind, d.status) for d in case.duties.all()} == {
        (Duty.Kind.VERTROUWENSINSPECTEUR, Duty.Status.DONE),
        (Duty.Kind.MELDPLICHT, Duty.Status.WAIVED)}
    assert AuditEvent.objects.filter(action="case_duty_waived",
                                     actor=p.user("schoolleider")).count() == 1
    assert AuditEvent.objects.filter(action="case_closed").count() == 1
