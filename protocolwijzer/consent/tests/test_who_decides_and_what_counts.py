"""The consent register decides like the AVG and the school's own rules say."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import ConsentSettings, Decision, DecisionIsFinal, Purpose
from protocolwijzer.consent.register import purpose_code_for_channel, status_of
from protocolwijzer.schools.models import Person, School, Stichting

R = Person.Role
TODAY = datetime.date(2026, 11, 23)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def family(db):
    stichting = Stichting.objects.create(name="Stichting Proef")
    school = School.objects.create(stichting=stichting, name="De Proefschool", slug="proef")
    do_set_up_consent(school, opt_out=("schoolwebsite",))
    child = Person.objects.create(school=school, first_name="Sem", last_name="Bakker",
                                  role=R.LEERLING, date_of_birth=datetime.date(2015, 3, 1))
    mother = Person.objects.create(school=school, first_name="Petra", last_name="Bakker",
                                   role=R.OUDER)
    father = Person.objects.create(school=school, first_name="Jan", last_name="Bakker",
                                   role=R.OUDER)
    mother.children.add(child)
    father.children.add(child)
    return school, child, mother, father


def purpose(school, code):
    return Purpose.objects.get(school=school, code=code)


def test_every_school_gets_the_default_purposes_with_opt_in_and_opt_out(family):
    school, *_ = family
    codes = list(school.purposes.values_list("code", flat=True))
    assert codes == ["schoolwebsite", "sociale-media", "schoolgids", "nieuwsbrief",
                     "klassenapp", "jaarboek", "video", "pers"]
    assert purpose(school, "schoolwebsite").silence == Purpose.Silence.MEANS_YES
    assert purpose(school, "sociale-media").silence == Purpose.Silence.MEANS_NO


def test_without_a_decision_the_purposes_rule_for_silence_applies(family):
    school, child, *_ = family
    website = status_of(child, purpose(school, "schoolwebsite"), TODAY)
    social = status_of(child, purpose(school, "sociale-media"), TODAY)
    assert (website.state, website.may_appear) == ("unknown", True)
    assert (social.state, social.may_appear) == ("unknown", False)


def test_consent_is_per_purpose_never_bundled(family):
    school, child, mother, _ = family
    do_record_decision(child, purpose(school, "schoolwebsite"), "given", decided_by=mother,
                       how="guardian_page", at=at(TODAY))
    assert status_of(child, purpose(school, "schoolwebsite"), TODAY).state == "given"
    assert status_of(child, purpose(school, "sociale-media"), TODAY).state == "unknown"


def test_withdrawal_counts_at_once_and_the_history_keeps_both(family):
    school, child, mother, _ = family
    social = purpose(school, "sociale-media")
    do_record_decision(child, social, "given", decided_by=mother, how="guardian_page",
                       at=at(TODAY) - datetime.timedelta(minutes=5))
    assert status_of(child, social, TODAY).state == "given"
    do_record_decision(child, social, "refused", decided_by=mother, how="guardian_page",
                       at=at(TODAY))
    assert status_of(child, social, TODAY).state == "refused"
    history = list(Decision.objects.filter(student=child, purpose=social)
                   .values_list("choice", flat=True))
    assert history == ["refused", "given"]


def test_a_decision_can_be_neither_changed_nor_deleted(family):
    school, child, mother, _ = family
    decision = do_record_decision(child, purpose(school, "jaarboek"), "given",
                                  decided_by=mother, how="paper_form")
    decision.choice = "refused"
    with pytest.raises(DecisionIsFinal):
        decision.save()
    with pytest.raises(DecisionIsFinal):
        decision.delete()


def test_when_guardians_disagree_a_refusal_wins_by_default(family):
    school, child, mother, father = family
    social = purpose(school, "sociale-media")
    do_record_decision(child, social, "refused", decided_by=father, how="guardian_page",
                       at=at(TODAY) - datetime.timedelta(days=1))
    do_record_decision(child, social, "given", decided_by=mother, how="guardian_page",
                       at=at(TODAY))
    result = status_of(child, social, TODAY)
    assert (result.state, result.disagreement) == ("refused", True)


def test_a_school_may_let_the_latest_guardian_decision_count(family):
    school, child, mother, father = family
    ConsentSettings.objects.filter(school=school).update(
        disagreement=ConsentSettings.Disagreement.LATEST_WINS)
    social = purpose(school, "sociale-media")
    do_record_decision(child, social, "refused", decided_by=father, how="guardian_page",
                       at=at(TODAY) - datetime.timedelta(days=1))
    do_record_decision(child, social, "given", decided_by=mother, how="guardian_page",
                       at=at(TODAY))
    assert status_of(child, social, TODAY).state == "given"


def test_from_16_the_guardians_old_yes_no_longer_decides_alone(family):
    school, child, mother, _ = family
    child.date_of_birth = datetime.date(2010, 11, 30)  # 16 on 30 November 2026
    child.save(update_fields=["date_of_birth"])
    social = purpose(school, "sociale-media")
    do_record_decision(child, social, "given", decided_by=mother, how="guardian_page",
                       at=at(datetime.date(2026, 9, 1)))
    before = status_of(child, social, datetime.date(2026, 11, 29))
    after = status_of(child, social, datetime.date(2026, 11, 30))
    assert (before.state, before.needs_student_choice) == ("given", False)
    assert (after.state, after.may_appear, after.needs_student_choice) == (
        "unknown", False, True)


def test_from_16_the_student_decides_and_guardians_cannot(family):
    school, child, mother, _ = family
    child.date_of_birth = datetime.date(2009, 1, 1)
    child.save(update_fields=["date_of_birth"])
    social = purpose(school, "sociale-media")
    with pytest.raises(ValidationError):
        do_record_decision(child, social, "given", decided_by=mother, how="guardian_page")
    do_record_decision(child, social, "given", decided_by=child, how="student")
    result = status_of(child, social, timezone.localdate())
    assert (result.state, result.source) == ("given", "student")


def test_under_16_only_a_guardian_of_this_child_decides(family):
    school, child, _mother, _father = family
    stranger = Person.objects.create(school=school, first_name="Kees", last_name="Visser",
                                     role=R.OUDER)
    social = purpose(school, "sociale-media")
    for who in (stranger, child):
        with pytest.raises(ValidationError):
            do_record_decision(child, social, "given", decided_by=who, how="guardian_page")


def test_a_purpose_asked_each_year_forgets_last_years_answer(family):
    school, child, mother, _ = family
    video = purpose(school, "video")
    video.ask_each_year = True
    video.save(update_fields=["ask_each_year"])
    do_record_decision(child, video, "given", decided_by=mother, how="paper_form",
                       at=at(datetime.date(2026, 6, 1)))
    assert status_of(child, video, datetime.date(2026, 7, 31)).state == "given"
    assert status_of(child, video, datetime.date(2026, 8, 1)).state == "unknown"


def test_a_decision_just_after_midnight_counts_from_that_school_day(family):
    """Half past midnight in the Netherlands is the previous day in UTC; the register
    reads the school's day, not the server's."""
    school, child, mother, _ = family
    social = purpose(school, "sociale-media")
    half_past_midnight = timezone.make_aware(
        datetime.datetime.combine(TODAY, datetime.time(0, 30)))
    do_record_decision(child, social, "given", decided_by=mother, how="guardian_page",
                       at=half_past_midnight)
    before = status_of(child, social, TODAY - datetime.timedelta(days=1))
    assert (before.state, status_of(child, social, TODAY).state) == ("unknown", "given")


@pytest.mark.parametrize(("channel", "code"), [
    ("school_website", "schoolwebsite"), ("instagram", "sociale-media"),
    ("class_group_app", "klassenapp"), ("yearbook", "jaarboek"), (None, "sociale-media")])
def test_the_channel_of_a_post_names_the_purpose(channel, code):
    assert purpose_code_for_channel(channel) == code
