"""Roermond: a pupil's TikTok video of a lesson, triaged as an A.5 violation, offers
exactly the measures of sancties.B.1 (waarschuwing, schorsing, verwijdering van school),
mildest first, none chosen in advance; the measure the school decided is recorded with
who, when, why and the articles, and makes a leerlingendossier entry. A measure the
protocol does not name is refused."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from protocolwijzer.incidents.models import DossierEntry, Measure
from protocolwijzer.incidents.tests.case_fixtures import (
    ROERMOND,
    MakeCase,
    client_for,
    follow_protocol,
    make_case,
    p,
    private_media,
)
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["make_case", "p", "private_media"]


def test_a_pupils_a5_violation_offers_exactly_sancties_b1_mildest_first(
        p: Personas, make_case: MakeCase) -> None:
    follow_protocol(p.school, ROERMOND)
    case = make_case(involved=(p.student,), reporter=p.parent, platform="tiktok",
                     description="Sem heeft in de les een filmpje gemaakt en op TikTok gezet.")
    mentor = client_for(p.user("mentor"))  # the handler: Sem's mentor
    mentor.post(reverse("incidents:link_person", args=[case.pk]),
                {"person": p.student.pk, "part": "subject"})
    response = mentor.post(reverse("incidents:triage", args=[case.pk]), {
        "actor_role": "student", "action": "publish", "context": "off_duty",
        "school_related": "yes", "channel": "tiktok", "account": "personal",
        "target_role": "", "text": "", "media_kind": "video", "media_people": "3",
        "media_students": "on", "media_consent": "unknown", "severity": "licht"})
    assert response.status_code == 302

    case.refresh_from_db()
    assert case.protocol_id == ROERMOND
    assert case.articles == ["A.5"]
    page = mentor.get(reverse("incidents:case", args=[case.pk])).content.decode()
    ladder = re.search(r'<ol class="ladder measure-options">(.*?)</ol>', page, re.S)
    assert ladder is not None
    names = re.findall(r'<span class="ladder__name">([^<]+)</span> '
                       r'<span class="finding__article">([^<]+)</span>', ladder.group(1))
    assert names == [("waarschuwing", "sancties.B.1"), ("schorsing", "sancties.B.1"),
                     ("verwijdering van school", "sancties.B.1")]
    assert "checked" not in page.split(f'id="maatregel-{p.student.pk}"')[1].split("</form>")[0]

    # A measure the file does not name for a pupil (a staff measure) is refused.
    form = {"person": p.student.pk, f"m{p.student.pk}-measure": "ontslag",
            f"m{p.student.pk}-decided_on": timezone.localdate().isoformat(),
            f"m{p.student.pk}-reason": "Te zwaar."}
    mentor.post(reverse("incidents:measure", args=[case.pk]), form)
    assert not Measure.objects.exists()

    form[f"m{p.student.pk}-measure"] = "waarschuwing"
    form[f"m{p.student.pk}-reason"] = "Eerste keer; filmpje meteen verwijderd."
    mentor.post(reverse("incidents:measure", args=[case.pk]), form)
    measure = Measure.objects.get()
    assert (measure.measure, measure.article, measure.person, measure.decided_by,
            measure.articles) == ("waarschuwing", "sancties.B.1", p.student, p.mentor,
                                  ["A.5"])
    entry = DossierEntry.objects.get(measure=measure)
    assert (entry.person, entry.file) == (p.student, DossierEntry.File.LEERLINGENDOSSIER)
    assert "waarschuwing (sancties.B.1)" in entry.text


def test_a_staff_member_is_offered_the_staff_ladder_and_the_text_is_marked(
        p: Personas, make_case: MakeCase) -> None:
    follow_protocol(p.school, ROERMOND)
    case = make_case(involved=(p.teacher,), reporter=p.parent)
    leider = client_for(p.user("schoolleider"))
    leider.post(reverse("incidents:link_person", args=[case.pk]),
                {"person": p.teacher.pk, "part": "subject"})
    leider.post(reverse("incidents:triage", args=[case.pk]), {
        "actor_role": "staff", "action": "contact", "context": "off_duty",
        "school_related": "yes", "channel": "facebook", "account": "personal",
        "target_role": "student",
        "text": "Sem Bakker is een domme kankerlijer, zijn adres is Dorpsstraat 12",
        "media_kind": "", "media_people": "0", "media_consent": "unknown"})
    page = leider.get(reverse("incidents:case", args=[case.pk])).content.decode()
    ladder = re.search(r'<ol class="ladder measure-options">(.*?)</ol>', page, re.S)
    assert ladder is not None
    assert re.findall(r'<span class="ladder__name">([^<]+)</span>', ladder.group(1)) == [
        "waarschuwing", "berisping", "schorsing", "ontslag", "ontslag op staande voet"]
    # The analyser's marks on the text, each with the articles it touches.
    marks = re.findall(r'<mark class="found__mark found__mark--(\w+)">([^<]+)', page)
    assert ("personal_data", "Dorpsstraat 12") in marks
    assert any(kind == "abuse" for kind, _text in marks)
