""""Wie mag niet op de foto?" (issue 14): a teacher chooses a group (or several for an
outing) and a channel, and reads only who may not be shown there today, by name and group,
with a count of those who may."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

START = reverse("consent:trip")


def list_url(group, **query: str) -> str:
    url = reverse("consent:trip_list", args=[group.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def p(db) -> Personas:
    personas = make_personas()
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    return personas


def purpose(p: Personas, code: str) -> Purpose:
    return Purpose.objects.get(school=p.school, code=code)


def names_not_shown(page: str) -> list[str]:
    return re.findall(r'<span class="trip-name__name">([^<]+)</span>', page)


def test_a_teacher_sees_only_who_may_not_be_on_the_schools_instagram(client: Client, p):
    social = purpose(p, "sociale-media")
    do_record_decision(p.student, social, "refused", decided_by=p.parent, how="guardian_page")
    do_record_decision(p.classmate, social, "given", decided_by=p.classmate_parent,
                       how="guardian_page")
    third = Person.objects.create(school=p.school, first_name="Daan", last_name="Jong",
                                  role=Person.Role.LEERLING, group=p.group_1a)
    sign_in(client, p.teacher.user)

    page = client.get(list_url(p.group_1a, kanaal="sociale-media")).content.decode()

    # Sem said no, Daan has no answer (opt-in: not shown); Noor may.
    assert names_not_shown(page) == ["Daan Jong", "Sem Bakker"]
    assert "a parent said no" not in page  # Dutch by default
    assert "een ouder zei nee" in page and "nog geen antwoord" in page
    assert "1 leerling mag op de foto." in page
    assert p.classmate.full_name not in page
    assert third.full_name in page


def test_the_website_is_opt_out_so_silence_may_be_shown(client: Client, p):
    sign_in(client, p.teacher.user)

    page = client.get(list_url(p.group_1a, kanaal="schoolwebsite")).content.decode()

    assert names_not_shown(page) == []
    assert "2 leerlingen mogen op de foto." in page


def test_the_list_opens_on_the_channel_chosen_last_time(client: Client, p):
    website = purpose(p, "schoolwebsite")
    do_record_decision(p.student, website, "refused", decided_by=p.parent, how="guardian_page")
    sign_in(client, p.teacher.user)

    first = client.get(list_url(p.group_1a)).content.decode()
    client.get(list_url(p.group_1a, kanaal="schoolwebsite"))
    later = client.get(list_url(p.group_1a)).content.decode()

    # Without a choice: social media, where most is at stake; then the last one chosen.
    assert 'href="?kanaal=sociale-media" aria-current="page"' in first
    assert 'href="?kanaal=schoolwebsite" aria-current="page"' in later
    assert names_not_shown(later) == ["Sem Bakker"]


def test_a_pupil_of_16_who_has_not_chosen_is_asked_not_shown(client: Client, p):
    social = purpose(p, "sociale-media")
    do_record_decision(p.classmate, social, "given", decided_by=p.classmate_parent,
                       how="guardian_page",
                       at=timezone.now() - datetime.timedelta(days=400))
    today = timezone.localdate()
    p.classmate.date_of_birth = today.replace(year=today.year - 17)
    p.classmate.save(update_fields=["date_of_birth"])
    sign_in(client, p.mentor.user)

    page = client.get(list_url(p.group_1a, kanaal="sociale-media")).content.decode()

    assert "Noor Visser" in names_not_shown(page)
    assert "16 of ouder: heeft nog niet zelf gekozen" in page


def test_several_groups_at_once_for_an_outing(client: Client, p):
    social = purpose(p, "sociale-media")
    for student, parent in ((p.student, p.parent), (p.classmate, p.classmate_parent)):
        do_record_decision(student, social, "given", decided_by=parent, how="guardian_page")
    sign_in(client, p.schoolleider.user)

    response = client.get(reverse("consent:trip_together"),
                          {"groep": [p.group_1a.pk, p.group_1b.pk]})
    page = client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert names_not_shown(page) == ["Finn Smit"]
    assert "<h1>Niet op de foto: 1A, 1B</h1>" in page
    assert '<span class="trip-name__group">1B</span>' in page


def test_a_teacher_cannot_add_a_group_they_are_not_linked_to(client: Client, p):
    sign_in(client, p.teacher.user)

    assert client.get(list_url(p.group_1a) + f"?en={p.group_1b.pk}").status_code == 403
    assert client.get(list_url(p.group_1a) + f"?en={p.other_group.pk}").status_code == 404
    assert client.get(list_url(p.group_1a) + "?en=x").status_code == 404


def test_the_start_page_offers_the_teachers_own_groups_one_tap_each(client: Client, p):
    sign_in(client, p.teacher.user)

    page = client.get(START).content.decode()

    assert f'href="{list_url(p.group_1a)}"' in page
    assert list_url(p.group_1b) not in page


def test_opening_the_list_is_written_to_the_audit_log(client: Client, p):
    sign_in(client, p.teacher.user)

    client.get(list_url(p.group_1a, kanaal="sociale-media"))

    event = AuditEvent.objects.filter(action="consent_list_viewed").get()
    assert event.actor == p.teacher.user
    assert event.detail == {"students": 2, "purpose": "sociale-media",
                            "groups": [p.group_1a.pk]}


def test_the_list_says_when_it_was_fetched_and_registers_its_offline_copy(client: Client, p):
    sign_in(client, p.teacher.user)

    page = client.get(list_url(p.group_1a)).content.decode()
    worker = client.get(reverse("consent:trip_worker"))

    assert re.search(r"Opgehaald op \d+ \w+ \d{4} om \d\d:\d\d\.", page)
    assert f'data-worker="{reverse("consent:trip_worker")}"' in page
    assert f'data-scope="{START}"' in page
    assert worker["Content-Type"].startswith("text/javascript")
    script = worker.content.decode().replace("\\u002D", "-").replace("\\u002F", "/")
    assert f'var START = "{START}"' in script


def test_signing_out_removes_the_copies_kept_for_offline_use(client: Client, p):
    sign_in(client, p.teacher.user)

    response = client.post(reverse("accounts:logout"))

    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_menu_offers_the_list_to_staff_only(client: Client, p):
    sign_in(client, p.teacher.user)
    staff = client.get(reverse("schools:my_school")).content.decode()
    sign_in(client, p.parent.user)
    parent = client.get(reverse("schools:my_school")).content.decode()

    assert f'href="{START}"' in staff
    assert f'href="{START}"' not in parent
    assert client.get(START).status_code == 403
