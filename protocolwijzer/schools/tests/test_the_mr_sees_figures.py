"""The MR member sees the figures the MR discusses (issue 14): checks per article and
verdict, consent per purpose — counts only, no names, and small counts hidden."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

FIGURES = reverse("schools:figures")


@pytest.fixture
def p(db) -> Personas:
    personas = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=personas.school.pk).update(
        protocol=versions["willibrord-miland-2023"])
    personas.school.refresh_from_db()
    do_set_up_consent(personas.school)
    return personas


def checks(p: Personas, count: int, verdict: str, articles: list[str]) -> None:
    for _ in range(count):
        CheckRecord.objects.create(school=p.school, protocol_version=p.school.protocol,
                                   situation={}, verdict=verdict, articles=articles,
                                   person=p.teacher, user=p.teacher.user)


def cells(page: str, label: str) -> list[str]:
    """The cells of the table row whose heading starts with ``label``."""
    row = re.search(rf'<th scope="row">{re.escape(label)}.*?</tr>', page, re.S)
    assert row, label
    return [re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]


def test_the_mr_member_sees_checks_per_article_and_verdict_with_small_counts_hidden(
        client: Client, p):
    checks(p, 6, "forbidden", ["A.5", "A.10"])
    checks(p, 2, "allowed", ["A.5"])
    checks(p, 7, "allowed", ["A.8"])
    sign_in(client, p.mr_lid.user)

    page = client.get(FIGURES).content.decode()

    # Columns: allowed, allowed after changes, not allowed, outside the protocol, total.
    assert cells(page, "A.5") == ["minder dan 5", "0", "6", "0", "8"]
    assert cells(page, "A.10") == ["0", "0", "6", "0", "6"]
    assert cells(page, "A.8") == ["7", "0", "0", "0", "7"]
    assert cells(page, "Alle checks") == ["9", "0", "6", "0", "15"]
    assert "Checks in dit schooljaar: 15." in page
    assert p.teacher.full_name not in page


def test_consent_per_purpose_shows_shares_only_when_they_point_at_nobody(client: Client, p):
    social = Purpose.objects.get(school=p.school, code="sociale-media")
    for number in range(15):
        student = Person.objects.create(school=p.school, first_name=f"Kind{number}",
                                        last_name="Test", role=Person.Role.LEERLING,
                                        group=p.group_1b)
        parent = Person.objects.create(school=p.school, first_name=f"Ouder{number}",
                                       last_name="Test", role=Person.Role.OUDER)
        parent.children.add(student)
        if number < 10:
            do_record_decision(student, social, "given" if number < 5 else "refused",
                               decided_by=parent, how="guardian_page")
    do_record_decision(p.student, Purpose.objects.get(school=p.school, code="schoolwebsite"),
                       "refused", decided_by=p.parent, how="guardian_page")
    sign_in(client, p.mr_lid.user)

    page = client.get(FIGURES).content.decode()

    # 18 pupils; 10 answered for social media, 5 of them yes.
    assert "Leerlingen op school op" in page and ": 18." in page
    assert cells(page, "Sociale media van de school") == ["56%", "50% van de antwoorden"]
    # One answer for the website: 1 of 18 and 0 of 1 would point at one family.
    assert cells(page, "Schoolwebsite") == ["verborgen (te weinig)", "verborgen (te weinig)"]
    assert "Kind1" not in page and p.student.full_name not in page


@pytest.mark.parametrize("persona", ["mr_lid", "schoolleider", "beheerder"])
def test_the_mr_and_the_school_management_open_the_figures_from_the_menu(
        client: Client, p, persona: str):
    sign_in(client, p.user(persona))

    home = client.get(reverse("schools:my_school")).content.decode()

    assert f'href="{FIGURES}"' in home
    assert client.get(FIGURES).status_code == 200


@pytest.mark.parametrize("persona", ["teacher", "communicatie", "student", "parent"])
def test_others_get_no_figures_and_no_menu_item(client: Client, p, persona: str):
    sign_in(client, p.user(persona))

    home = client.get(reverse("schools:my_school")).content.decode()

    assert FIGURES not in home
    assert client.get(FIGURES).status_code == 403


def test_take_down_tasks_done_in_time_are_counted_for_the_mr(client: Client, p):
    import datetime

    from django.utils import timezone

    from protocolwijzer.publications.models import Publication, TakedownTask

    now = timezone.now()
    today = timezone.localdate()
    publication = Publication.objects.create(
        school=p.school, description="Schoolreis", channel="instagram",
        published_at=now - datetime.timedelta(days=3))
    pupils = [Person.objects.create(school=p.school, first_name=f"Kind{n}", last_name="Test",
                                    role=Person.Role.LEERLING, group=p.group_1a)
              for n in range(17)]
    for number, pupil in enumerate(pupils):
        done_late = 10 <= number < 15
        still_open = number >= 15
        TakedownTask.objects.create(
            publication=publication, student=pupil, reason="withdrawn",
            due_on=today - datetime.timedelta(days=2),
            status="open" if still_open else "removed",
            done_at=None if still_open else now - datetime.timedelta(
                days=1 if done_late else 4))
    sign_in(client, p.mr_lid.user)

    page = client.get(FIGURES).content.decode()

    # 10 in time, 5 late, 2 overdue: 10 of 17 in time; 2 overdue is a small count.
    assert "dit schooljaar: 17." in page
    assert "Op tijd gedaan: 59%." in page
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>",
                            page[page.index("figures-takedowns"):]))
    assert facts == {"Op tijd gedaan": "10", "Te laat gedaan": "5",
                     "Te laat, nog open": "minder dan 5", "Nog open, nog op tijd": "0"}
    assert "Kind1" not in page
