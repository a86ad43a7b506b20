"""The audit log reads in words (issue 14): "Ouder van Sem B. gaf toestemming voor
Schoolwebsite", with names only where the reader may see that person, Dutch dates, and a
filter per person, kind and period."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.audit.wording import lines_for
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link, field_name
from protocolwijzer.consent.models import Purpose
from protocolwijzer.schools.policy import membership_for
from protocolwijzer.schools.tests.personas import Personas, sign_in

LOG = reverse("audit:log")


def sentences(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.sentence for day in response.context["days"] for line in day.lines]


def choose_on_the_parents_page(personas: Personas, answers: dict[str, str]) -> None:
    """The parent opens their link in their own browser and saves their choices."""
    _link, token = do_make_guardian_link(personas.parent, personas.user("schoolleider"))
    parent = Client()
    parent.get(reverse("consent:guardian_link", args=[token]))
    purposes = {p.code: p for p in Purpose.objects.filter(school=personas.school)}
    parent.post(reverse("consent:guardian_page"), {
        field_name(personas.student, purposes[code]): choice
        for code, choice in answers.items()})


@pytest.fixture
def register(personas: Personas) -> Personas:
    do_set_up_consent(personas.school)
    return personas


def test_a_parents_choice_reads_as_a_sentence_with_the_childs_name(
        client: Client, register: Personas) -> None:
    choose_on_the_parents_page(register, {"schoolwebsite": "given"})
    sign_in(client, register.user("schoolleider"))

    response = client.get(LOG)

    assert "Ouder van Sem B. gaf toestemming voor Schoolwebsite" in sentences(response)
    assert "Ouder van Sem B. opende de eigen link" in sentences(response)
    assert "consent_decided" not in " ".join(sentences(response))


def test_a_withdrawal_reads_as_withdrawn(client: Client, register: Personas) -> None:
    choose_on_the_parents_page(register, {"sociale-media": "given"})
    choose_on_the_parents_page(register, {"sociale-media": "refused"})
    sign_in(client, register.user("schoolleider"))

    lines = sentences(client.get(LOG))

    assert "Ouder van Sem B. trok de toestemming voor Sociale media van de school in" in lines
    assert "Ouder van Sem B. gaf toestemming voor Sociale media van de school" in lines


def test_the_people_an_event_is_about_are_named_in_full_as_links_to_their_events(
        client: Client, register: Personas) -> None:
    choose_on_the_parents_page(register, {"schoolwebsite": "refused"})
    sign_in(client, register.user("schoolleider"))

    page = client.get(LOG, {"soort": "consent_decided"}).content.decode()

    assert "Ouder van Sem B. gaf geen toestemming voor Schoolwebsite" in page
    assert f'<a href="?persoon={register.student.pk}">Sem Bakker</a>' in page
    assert f'<a href="?persoon={register.parent.pk}">Petra Bakker</a>' in page


def test_a_reader_who_may_not_see_a_person_reads_their_role_instead(
        personas: Personas) -> None:
    """The same rule as the people pages: the mentor of 1A sees Sem (1A) but not Finn
    (1B) nor Finn's parent."""
    events = [
        do_record(Action.PERSON_VIEWED, actor=personas.user("schoolleider"),
                  school=personas.school, target=personas.student),
        do_record(Action.PERSON_VIEWED, actor=personas.user("schoolleider"),
                  school=personas.school, target=personas.student_1b),
        do_record(Action.CONSENT_DECIDED, school=personas.school, target=personas.student_1b,
                  detail={"purpose": "pers", "choice": "given", "how": "guardian_page",
                          "decided_by": personas.parent_1b.pk}),
    ]

    mentor = membership_for(personas.user("mentor"))
    assert mentor is not None
    lines = lines_for(mentor, events)

    assert lines[0].sentence == "Saskia L. bekeek de gegevens van Sem B."
    assert lines[1].sentence == "Saskia L. bekeek de gegevens van een leerling"
    assert lines[2].sentence == "Een ouder gaf toestemming voor pers"
    assert "Finn" not in " ".join(line.sentence for line in lines)
    assert lines[1].mentions == []  # nobody the mentor may see; the actor is not "about"
    assert [m.name for m in lines[0].mentions] == ["Sem Bakker"]


def test_dates_and_times_are_written_the_dutch_way(client: Client,
                                                   personas: Personas) -> None:
    at = timezone.make_aware(datetime.datetime(2026, 12, 7, 14, 5))
    AuditEvent.objects.create(action=Action.PERSON_VIEWED, actor=personas.user("mentor"),
                              school=personas.school, created_at=at,
                              object_type="schools.person", object_id=str(personas.student.pk))
    sign_in(client, personas.user("schoolleider"))

    page = client.get(LOG, {"van": "2026-12-07", "tot": "2026-12-07"}).content.decode()

    assert "maandag 7 december 2026" in page
    assert ">14:05</time>" in page
    assert "Dec" not in page and "2026-12-07T" in page  # machine-readable only in datetime=


def test_the_filter_per_person_finds_every_event_about_them(client: Client,
                                                           register: Personas) -> None:
    choose_on_the_parents_page(register, {"schoolwebsite": "given"})
    do_record(Action.PERSON_VIEWED, actor=register.user("mentor"), school=register.school,
              target=register.classmate)
    sign_in(client, register.user("schoolleider"))

    about_sem = sentences(client.get(LOG, {"persoon": register.student.pk}))
    by_name = client.get(LOG, {"naam": "noor"})

    assert "Ouder van Sem B. gaf toestemming voor Schoolwebsite" in about_sem
    assert not any("Noor" in line for line in about_sem)
    assert sentences(by_name)[0] == "Mirjam M. bekeek de gegevens van Noor V."
    assert by_name.context["person"] == register.classmate


def test_a_name_that_several_people_share_lists_them_to_choose_from(
        client: Client, register: Personas) -> None:
    sign_in(client, register.user("schoolleider"))

    page = client.get(LOG, {"naam": "bakker"}).content.decode()

    assert "2 personen hebben deze naam" in page
    assert f'href="?persoon={register.student.pk}">Sem Bakker</a>' in page
    assert f'href="?persoon={register.parent.pk}">Petra Bakker</a>' in page


def test_the_filter_per_kind_takes_one_kind_or_a_whole_category(
        client: Client, register: Personas) -> None:
    choose_on_the_parents_page(register, {"schoolwebsite": "given"})
    do_record(Action.ROLE_CHANGED, actor=register.user("schoolleider"),
              school=register.school, target=register.teacher,
              detail={"from": "medewerker", "to": "mentor"})
    sign_in(client, register.user("schoolleider"))

    consent = sentences(client.get(LOG, {"soort": "cat:consent"}))
    roles = sentences(client.get(LOG, {"soort": "role_changed"}))

    assert "Ouder van Sem B. gaf toestemming voor Schoolwebsite" in consent
    assert not any("logde in" in line or "rol" in line for line in consent)
    assert roles == ["Saskia L. veranderde de rol van Mark D. van medewerker in mentor"]


def test_the_filter_per_period_counts_whole_local_days(client: Client,
                                                      personas: Personas) -> None:
    for day, who in ((5, "teacher"), (6, "mentor"), (8, "communicatie")):
        # Just before midnight, local time: still that day.
        AuditEvent.objects.create(
            action=Action.SIGN_IN, actor=personas.user(who), school=personas.school,
            created_at=timezone.make_aware(datetime.datetime(2026, 11, day, 23, 59)))
    sign_in(client, personas.user("schoolleider"))

    lines = sentences(client.get(LOG, {"van": "2026-11-06", "tot": "2026-11-07"}))

    assert lines == ["Mirjam M. logde in"]


def test_a_period_that_ends_before_it_starts_is_refused_in_words(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    response = client.get(LOG, {"van": "2026-12-08", "tot": "2026-12-01"})

    assert "Het einde van de periode ligt voor het begin." in response.content.decode()
    assert sentences(response) == []


def test_a_person_of_another_school_cannot_be_filtered_on(client: Client,
                                                         personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    assert client.get(LOG, {"persoon": personas.other_student.pk}).status_code == 404
    assert client.get(LOG, {"naam": "Wilg"}).context["no_match"] is True


def test_reading_the_log_about_someone_is_recorded_and_reads_so(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    client.get(LOG, {"persoon": personas.student.pk, "soort": "cat:consent"})
    event = AuditEvent.objects.filter(action=Action.AUDIT_LOG_VIEWED).latest("pk")
    lines = sentences(client.get(LOG, {"soort": "audit_log_viewed"}))

    assert event.detail == {"page": 1, "filters": ["persoon", "soort"],
                            "person": personas.student.pk}
    assert "Saskia L. bekeek het logboek over Sem B." in lines


def test_an_event_of_a_kind_without_words_still_reads_as_a_sentence(
        client: Client, personas: Personas) -> None:
    do_record("something_new", actor=personas.user("mentor"), school=personas.school)
    sign_in(client, personas.user("schoolleider"))

    lines = sentences(client.get(LOG))

    assert ("Mirjam M.: een gebeurtenis waar het logboek nog geen woorden voor heeft "
            "(something_new)") in lines
