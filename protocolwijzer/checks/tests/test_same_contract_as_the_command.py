"""The page builds the situation the command reads, and the engine decides both alike."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from protocolwijzer.checks.forms import CheckForm, PhotoFormSet
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.situations import show_problems
from protocolwijzer.checks.tests.helpers import form_data, post_check
from protocolwijzer.engine.errors import Problem
from protocolwijzer.schools.tests.personas import Personas, sign_in


def test_the_page_and_the_command_decide_a_situation_alike(
        client: Client, members: Personas, check: Callable[..., Any]) -> None:
    sign_in(client, members.parent.user)
    response = post_check(client, action="publish", context="off_duty", school_related="yes",
                          channel="facebook", **{"foto-0-students_unknown": "2",
                                                 "foto-1-students_given": "1"})
    record = CheckRecord.objects.get()

    run = check(record.situation)

    assert run.code == 1
    assert run.json["verdict"] == record.verdict == response.context["result"].verdict
    assert [f["article"] for f in run.json["findings"]] == [
        shown.finding.article for group in response.context["result"].groups
        for shown in group.findings]


def test_contract_problems_go_next_to_their_field_or_photo(members: Personas) -> None:
    form = CheckForm(form_data(action="publish", context="lesson", school_related="yes"),
                     role="student")
    photos = PhotoFormSet(form_data(**{"foto-3-students_given": "1"}), prefix="foto")
    assert form.is_valid() and photos.is_valid()

    show_problems((Problem("permission.granted_by", "is not one of teacher."),
                   Problem("post.media[0].people[0].consent", "is not one of given."),
                   Problem("actor.role", "is required.")),
                  form, photos, slots=[3])

    assert form.errors["permission"] == ["is not one of teacher."]
    assert photos.forms[3].non_field_errors() == ["is not one of given."]
    assert form.non_field_errors() == ["actor.role: is required."]
