"""From 16 a student decides on their own consent, on their own page: signed in, or with
their own link from a printed letter (issue 14). Their parent sees that the student
decides, and has nothing left to save for them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link, field_name
from protocolwijzer.consent.models import Decision, Purpose, StudentLink
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

MINE = reverse("consent:my_consent")


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def p(db: None) -> Personas:
    personas = make_personas()
    do_set_up_consent(personas.school)
    Person.objects.filter(pk=personas.student.pk).update(date_of_birth=years_ago(17))
    Person.objects.filter(pk=personas.classmate.pk).update(date_of_birth=years_ago(15, 10))
    personas.student.refresh_from_db()
    personas.classmate.refresh_from_db()
    return personas


def purpose(p: Personas, code: str) -> Purpose:
    return Purpose.objects.get(school=p.school, code=code)


def field(p: Personas, code: str) -> str:
    return f"p{purpose(p, code).pk}"


def letter_link(p: Personas, student: Person) -> str:
    """Communicatie prints the student's letter; the link is read off the page."""
    staff = Client()
    sign_in(staff, p.user("communicatie"))
    page = staff.post(reverse("consent:student_letter", args=[student.pk])).content.decode()
    match = re.search(r"<code>https?://[^/]+(/toestemming/leerling/[^/<]+/)</code>", page)
    assert match, "the letter shows the student's link"
    return match.group(1)


def test_a_student_of_16_chooses_on_their_own_page_when_signed_in(
        client: Client, p: Personas) -> None:
    sign_in(client, p.user("student"))

    page = client.get(MINE).content.decode()
    response = client.post(MINE, {field(p, "schoolwebsite"): "given",
                                  field(p, "sociale-media"): "refused"})

    assert "je bent 16 jaar of ouder. Je beslist nu zelf" in page
    assert response["Location"] == MINE + "?opgeslagen=1"
    assert set(Decision.objects.values_list("purpose__code", "choice", "how", "decided_by",
                                            "recorded_by")) == {
        ("schoolwebsite", "given", "student", p.student.pk, p.user("student").pk),
        ("sociale-media", "refused", "student", p.student.pk, p.user("student").pk)}
    saved = client.get(MINE + "?opgeslagen=1").content.decode()
    assert "Dank je. Je keuze is opgeslagen." in saved
    assert "Je koos ja. De school mag foto&#x27;s van jou gebruiken." in saved


def test_the_log_and_the_history_say_the_student_decided_themselves(
        client: Client, p: Personas) -> None:
    sign_in(client, p.user("student"))
    client.post(MINE, {field(p, "schoolwebsite"): "given"})
    sign_in(client, p.user("schoolleider"))

    log = client.get(reverse("audit:log")).content.decode()
    history = client.get(reverse("consent:student", args=[p.student.pk])).content.decode()

    assert "Sem B. gaf zelf toestemming voor Schoolwebsite" in log
    assert "Sem B. sloeg de eigen keuzes op (1 gewijzigd)" in log
    assert "door de leerling (Sem Bakker)" in history
    assert "beslist zelf" in history


def test_a_student_under_16_reads_who_decides_and_from_when(
        client: Client, p: Personas) -> None:
    Person.objects.filter(pk=p.student.pk).update(date_of_birth=years_ago(15, -30))
    sign_in(client, p.user("student"))

    page = client.get(MINE).content.decode()
    client.post(MINE, {field(p, "schoolwebsite"): "given"})

    birthday = years_ago(15, -30).replace(year=years_ago(15, -30).year + 16)
    assert "Tot je 16 bent, beslissen je ouders" in page
    assert f"Vanaf {birthday.day} " in page
    assert 'type="radio"' not in page
    assert not Decision.objects.exists()


def test_a_student_without_an_account_chooses_with_the_link_on_their_letter(
        p: Personas) -> None:
    url = letter_link(p, p.student)
    browser = Client()

    opened = browser.get(url)
    page = browser.get(MINE).content.decode()
    browser.post(MINE, {field(p, "pers"): "refused"})

    assert opened.status_code == 302 and opened["Location"] == MINE
    assert "Deze link is alleen voor jou" in page
    decision = Decision.objects.get()
    assert (decision.how, decision.decided_by, decision.recorded_by) == (
        "student", p.student, None)
    assert AuditEvent.objects.filter(action="student_link_used").count() == 1
    assert StudentLink.objects.get().last_used_at is not None


def test_a_new_letter_stops_the_old_link(p: Personas) -> None:
    first = letter_link(p, p.student)
    letter_link(p, p.student)

    response = Client().get(first)

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_no_letter_for_a_student_whose_parents_still_decide(p: Personas) -> None:
    staff = Client()
    sign_in(staff, p.user("communicatie"))

    response = staff.post(reverse("consent:student_letter", args=[p.classmate.pk]))

    assert response.status_code == 302
    assert not StudentLink.objects.exists()


def test_someone_signed_in_with_another_account_is_refused_the_students_link(
        p: Personas) -> None:
    url = letter_link(p, p.student)
    teacher = Client()
    sign_in(teacher, p.user("communicatie"))

    response = teacher.get(url)

    assert response.status_code == 403
    assert "Deze link is voor een leerling" in response.content.decode()
    assert AuditEvent.objects.filter(action="student_link_refused").count() == 1
    assert teacher.get(MINE).status_code == 403  # no session was opened


def test_the_page_is_for_students_only(client: Client, p: Personas) -> None:
    sign_in(client, p.user("parent"))
    assert client.get(MINE).status_code == 403
    assert Client().get(MINE)["Location"].startswith(reverse("accounts:login"))


def test_a_parents_earlier_no_stands_until_the_student_chooses(
        client: Client, p: Personas) -> None:
    do_record_decision(p.student, purpose(p, "jaarboek"), "refused", decided_by=p.parent,
                       how="guardian_page",
                       at=timezone.now() - datetime.timedelta(days=400))
    sign_in(client, p.user("student"))

    page = client.get(MINE).content.decode()

    assert "Je ouders kozen eerder nee, dus de school gebruikt geen foto" in page


def test_the_parent_of_a_student_of_16_sees_that_the_student_decides(p: Personas) -> None:
    _link, token = do_make_guardian_link(p.parent, None)
    parent = Client()
    parent.get(reverse("consent:guardian_link", args=[token]))

    page = parent.get(reverse("consent:guardian_page")).content.decode()
    parent.post(reverse("consent:guardian_page"),
                {field_name(p.student, purpose(p, "schoolwebsite")): "given"})

    assert "beslist zelf" in page
    assert "Sem is 16 jaar of ouder. Vanaf 16 jaar beslist een kind zelf over foto" in page
    assert "Sem kiest op een eigen pagina in Protocolwijzer" in page
    assert "Keuze opslaan" not in page  # nothing to choose, so nothing to save
    assert 'type="radio"' not in page
    assert not Decision.objects.exists()


def test_a_parent_with_a_younger_child_too_still_saves_for_that_child(
        p: Personas) -> None:
    p.parent.children.add(p.classmate)
    _link, token = do_make_guardian_link(p.parent, None)
    parent = Client()
    parent.get(reverse("consent:guardian_link", args=[token]))

    page = parent.get(reverse("consent:guardian_page")).content.decode()

    assert "Keuze opslaan" in page
    assert page.count("beslist zelf") == 1
