"""A post that tags students by id takes their consent from the register (issue 5)."""

from __future__ import annotations

import pytest

from protocolwijzer.api.tests.conftest import WILLIBRORD
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose


def tagged_post(channel: str, *student_ids: int, stated: str = "given") -> dict:
    return {"protocol": WILLIBRORD, "actor": {"role": "staff"}, "context": "work",
            "school_related": True, "action": "publish", "channel": channel,
            "account": "school",
            "post": {"media": [{"kind": "photo", "people": [
                {"role": "student", "id": str(i), "consent": stated} for i in student_ids]}]}}


@pytest.fixture
def register(personas):
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    return personas


def decide(p, purpose_code: str, choice: str) -> None:
    purpose = Purpose.objects.get(school=p.school, code=purpose_code)
    do_record_decision(p.student, purpose, choice, decided_by=p.parent, how="guardian_page")


def test_a_refusal_in_the_register_forbids_the_schools_instagram_post(register, api_as):
    decide(register, "sociale-media", "refused")
    response = api_as(register.communicatie).post(
        "/checks", tagged_post("instagram", register.student.pk))
    verdict = response.json()
    assert verdict["verdict"] == "forbidden"
    # A.5 (no explicit consent) and A.10 (the school's list covers its own social media).
    assert [f["article"] for f in verdict["findings"] if f["effect"] == "forbidden"] == [
        "A.5", "A.10"]


def test_the_register_wins_over_what_the_situation_states(register, api_as):
    decide(register, "sociale-media", "given")
    response = api_as(register.communicatie).post(
        "/checks", tagged_post("instagram", register.student.pk, stated="refused"))
    assert response.json()["verdict"] == "allowed"


def test_on_the_website_no_recorded_decision_is_allowed_by_a8_and_an_objection_is_not(
        register, api_as):
    client = api_as(register.communicatie)
    silent = client.post("/checks", tagged_post("school_website", register.classmate.pk,
                                                 stated="refused"))
    assert silent.json()["verdict"] == "allowed"
    decide(register, "schoolwebsite", "refused")
    objected = client.post("/checks", tagged_post("school_website", register.student.pk))
    assert objected.json()["verdict"] == "forbidden"


def test_a_student_the_checker_may_not_see_cannot_be_tagged(register, api_as):
    response = api_as(register.communicatie).post(
        "/checks", tagged_post("instagram", register.other_student.pk))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "post.media[0].people[0].id"
