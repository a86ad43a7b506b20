"""Through the pages: a check that says "allowed" leads to logging the publication with
the pupils chosen from the class list; communicatie works the take-down tasks; each role
sees only what it may (issue 14)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import post_check
from protocolwijzer.consent.guardian import do_make_guardian_link, field_name
from protocolwijzer.publications.models import Publication, TakedownTask
from protocolwijzer.publications.tests.conftest import decide, purpose
from protocolwijzer.schools.tests.personas import sign_in

NEW = reverse("publications:new")
TASKS = reverse("publications:tasks")
ON_THE_SCHOOLS_INSTAGRAM = {
    "action": "publish", "context": "work", "school_related": "yes", "channel": "instagram",
    "account": "school", "foto-0-students_given": "2",
}


def as_(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def fields(**changes) -> dict:
    data = {"description": "Sportdag 1A", "kind": "photo", "channel": "instagram",
            "link": "https://www.instagram.com/p/sportdag/",
            "published_on": timezone.localdate().isoformat()}
    data.update(changes)
    return data


def test_an_allowed_check_leads_to_the_log_with_the_check_and_its_channel(p):
    mentor = as_(p.mentor.user)

    response = post_check(mentor, **ON_THE_SCHOOLS_INSTAGRAM)

    assert response.context["result"].verdict == "allowed"
    assert f'href="{NEW}?kanaal=instagram"' in response.content.decode()
    record = CheckRecord.objects.get(user=p.mentor.user)
    form = mentor.get(NEW, {"kanaal": "instagram"})
    page = form.content.decode()
    assert re.search(rf'name="check_record" value="{record.pk}"', page)
    assert 'value="instagram" selected' in page
    # A mentor starts with their own class: its pupils, to tick.
    assert p.student.full_name in page and p.classmate.full_name in page
    assert p.student_1b.full_name not in page


def test_a_forbidden_check_does_not_offer_it(p):
    mentor = as_(p.mentor.user)
    response = post_check(mentor, **{**ON_THE_SCHOOLS_INSTAGRAM, "account": "personal",
                                     "foto-0-students_given": "",
                                     "foto-0-students_unknown": "3"})
    assert response.context["result"].verdict != "allowed"
    assert NEW not in response.content.decode()


def test_the_mentor_logs_a_publication_with_the_pupils_ticked(p):
    decide(p.student, "sociale-media", "given", p.parent)
    mentor = as_(p.mentor.user)
    post_check(mentor, **ON_THE_SCHOOLS_INSTAGRAM)
    record = CheckRecord.objects.get(user=p.mentor.user)

    response = mentor.post(NEW, fields(group=p.group_1a.pk, students=[p.student.pk],
                                       check_record=record.pk))

    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("publications:detail", args=[publication.pk])
    assert list(publication.students.all()) == [p.student]
    assert publication.check_record == record
    assert [x.code for x in publication.purposes.all()] == ["sociale-media"]
    assert not publication.takedown_tasks.exists()
    assert AuditEvent.objects.filter(action="publication_logged",
                                     object_id=str(publication.pk)).exists()


def test_the_form_shows_who_may_not_be_shown_there_and_still_logs_with_a_task(p):
    decide(p.student, "sociale-media", "given", p.parent)
    mentor = as_(p.mentor.user)

    shown = mentor.post(NEW, fields(group=p.group_1a.pk, toon="1")).content
    assert shown.decode().count("badge--refused") == 1  # Noor: nobody answered
    mentor.post(NEW, fields(group=p.group_1a.pk, students=[p.student.pk, p.classmate.pk]))

    [task] = TakedownTask.objects.all()
    assert (task.student, task.reason) == (p.classmate, "no_consent")


def test_switching_the_class_keeps_the_pupils_ticked(p):
    leader = as_(p.schoolleider.user)

    page = leader.post(NEW, fields(group=p.group_1b.pk, students=[p.student.pk],
                                   toon="1")).content.decode()

    assert re.search(rf'value="{p.student.pk}"[^>]*checked', page)
    assert p.student_1b.full_name in page


def test_a_publication_needs_a_pupil_a_place_and_no_future_date(p):
    mentor = as_(p.mentor.user)
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()

    response = mentor.post(NEW, fields(channel="", published_on=tomorrow))

    errors = response.context["form"].errors
    assert set(errors) == {"channel", "published_on"}
    response = mentor.post(NEW, fields(group=p.group_1a.pk))
    assert "students" in response.context["form"].errors
    assert not Publication.objects.exists()


def test_a_medewerker_cannot_tick_pupils_of_a_class_they_do_not_teach(p):
    teacher = as_(p.teacher.user)  # teaches 1A only

    response = teacher.post(NEW, fields(students=[p.student_1b.pk]))

    assert "students" in response.context["form"].errors
    assert not Publication.objects.exists()


@pytest.fixture
def withdrawn(p, log):
    """Sem's parent said yes, the post went out, and the parent withdrew on their page."""
    decide(p.student, "sociale-media", "given", p.parent)
    publication = log(p.student, by=p.mentor.user)
    _link, token = do_make_guardian_link(p.parent, None)
    browser = Client()
    browser.get(f"/toestemming/ouder/{token}/")
    browser.post("/toestemming/ouder/", {
        field_name(p.student, purpose(p.school, "sociale-media")): "refused"})
    p.browser = browser
    return publication


def test_communicatie_sees_the_task_and_marks_it_done(p, withdrawn):
    communicatie = as_(p.communicatie.user)

    page = communicatie.get(TASKS).content.decode()
    task = TakedownTask.objects.get()
    assert p.student.full_name in page and withdrawn.description in page
    assert reverse("publications:task", args=[task.pk]) in page

    response = communicatie.post(reverse("publications:task", args=[task.pk]),
                                 {"outcome": "removed"})

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_by) == ("removed", p.communicatie.user)
    event = AuditEvent.objects.get(action="takedown_task_done")
    assert (event.actor, event.object_id) == (p.communicatie.user, str(p.student.pk))


def test_the_parent_sees_that_tasks_were_made_but_not_what_or_where(p, withdrawn):
    page = p.browser.get("/toestemming/ouder/").content.decode()

    summary = re.search(r'<section class="takedown-summary".*?</section>', page, re.S)
    assert summary is not None and "De school haalt het uiterlijk" in summary.group()
    assert withdrawn.description not in page and withdrawn.link not in page
    assert "instagram" not in summary.group().lower()  # the page explains purposes with it


def test_the_other_parent_does_not_see_the_tasks_of_a_withdrawal_not_theirs(p, withdrawn):
    from protocolwijzer.schools.models import Person

    second = Person.objects.create(school=p.school, first_name="Jan", last_name="Bakker",
                                   role=Person.Role.OUDER)
    second.children.add(p.student)
    _link, token = do_make_guardian_link(second, None)
    browser = Client()
    browser.get(f"/toestemming/ouder/{token}/")

    assert "takedown-summary" not in browser.get("/toestemming/ouder/").content.decode()


def test_who_may_open_the_tasks_and_the_log(p, withdrawn):
    task = TakedownTask.objects.get()
    task_url = reverse("publications:task", args=[task.pk])
    detail_url = reverse("publications:detail", args=[withdrawn.pk])

    assert as_(p.mentor.user).get(TASKS).status_code == 403
    assert as_(p.mentor.user).get(task_url).status_code == 403
    assert as_(p.mentor.user).get(detail_url).status_code == 200  # they logged it
    assert as_(p.teacher.user).get(detail_url).status_code == 403  # someone else's
    assert as_(p.other_teacher.user).get(detail_url).status_code == 404
    assert as_(p.parent.user).get(reverse("publications:list")).status_code == 403
    # The log of a medewerker lists their own publications only.
    assert withdrawn.description not in as_(p.teacher.user).get(
        reverse("publications:list")).content.decode()


def test_reading_the_tasks_and_a_publication_is_in_the_audit_log(p, withdrawn):
    communicatie = as_(p.communicatie.user)
    communicatie.get(TASKS)
    communicatie.get(reverse("publications:detail", args=[withdrawn.pk]))
    communicatie.get(reverse("publications:task", args=[TakedownTask.objects.get().pk]))

    actions = set(AuditEvent.objects.filter(actor=p.communicatie.user)
                  .values_list("action", flat=True))
    assert {"takedown_tasks_listed", "publication_viewed", "takedown_task_viewed"} <= actions


def test_the_school_management_sets_the_term_and_communicatie_cannot(p):
    url = reverse("publications:settings", args=[p.school.pk])

    assert as_(p.communicatie.user).get(url).status_code == 403
    response = as_(p.schoolleider.user).post(url, {"working_days": "3",
                                                   "retention_months": "12"})

    assert response.status_code == 302
    p.school.refresh_from_db()
    assert p.school.consent_settings.takedown_working_days == 3
    assert p.school.publication_settings.retention_months == 12
    assert AuditEvent.objects.filter(action="takedown_terms_changed").exists()


def test_the_menu_links_the_log_and_the_tasks_by_role(p):
    home = reverse("schools:my_school")
    communicatie = as_(p.communicatie.user).get(home).content.decode()
    mentor = as_(p.mentor.user).get(home).content.decode()
    parent = as_(p.parent.user).get(home).content.decode()

    assert TASKS in communicatie and reverse("publications:list") in communicatie
    assert TASKS not in mentor and reverse("publications:list") in mentor
    assert reverse("publications:list") not in parent


def test_the_audit_log_says_in_words_who_took_whom_off_and_why(p, withdrawn):
    task = TakedownTask.objects.get()
    as_(p.communicatie.user).post(reverse("publications:task", args=[task.pk]),
                                  {"outcome": "removed"})

    response = as_(p.schoolleider.user).get(reverse("audit:log"))

    lines = [line.sentence for day in response.context["days"] for line in day.lines]
    due = formats.date_format(task.due_on, "j F Y")
    assert "Cor C. haalde Sem B. weg uit een publicatie" in lines
    assert (f"Toestemming ingetrokken: Sem B. moet uit een publicatie worden gehaald, "
            f"uiterlijk {due}") in lines
    assert "Mirjam M. legde foto's op Instagram vast (leerlingen erop: 1)" in lines
    assert "Cor C. haalde Sem B. weg uit een publicatie" in response.content.decode()


def test_a_pupil_of_sixteen_sees_on_their_own_page_that_their_no_takes_it_down(p, log):
    from protocolwijzer.consent.actions import do_record_decision
    from protocolwijzer.schools.models import Person

    today = timezone.localdate()
    Person.objects.filter(pk=p.student.pk).update(
        date_of_birth=today.replace(year=today.year - 17))
    p.student.refresh_from_db()
    social = purpose(p.school, "sociale-media")
    do_record_decision(p.student, social, "given", decided_by=p.student, how="student")
    publication = log(p.student)
    do_record_decision(p.student, social, "refused", decided_by=p.student, how="student")

    page = as_(p.student.user).get(reverse("consent:my_consent")).content.decode()

    assert "takedown-summary" in page and "zei je nee" in page
    assert publication.description not in page


def test_pupils_named_in_the_address_arrive_ticked_but_only_those_one_may_see(p):
    mentor = as_(p.mentor.user)

    page = mentor.get(NEW, {"kanaal": "instagram", "students": [
        p.student.pk, p.student_1b.pk]}).content.decode()

    assert re.search(rf'value="{p.student.pk}"[^>]*checked', page)
    assert p.student_1b.full_name not in page  # 1B is not the mentor's
