"""One situation, one verdict: the checker page, POST /api/v1/checks and
``protocolwijzer check`` decide every situation alike (issue 11, point 12).

Each case is written as the situation of the contract that the page's form builds for it
(every field the form sets, None where it is left empty), so the API and the command get
exactly what the page sends to the engine; the test first proves that by comparing the
page's stored record with it. What the page cannot express (people on a photo other than
students, students tagged by id, a parent's or staff member's consent, media without a
form slot) is not in these cases: the form has no field for it, so only the API and the
command can be compared there, and ``test_same_contract_as_the_command`` covers that.

The texts name no one on the school's roster and not the school itself: there the command
line, which has no school, knows less than the page and the API (the roster and the
school's names are the school's context, see ``checks.situations.text_context``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from protocolwijzer.api.actions import do_create_token
from protocolwijzer.api.models import Scope
from protocolwijzer.checks.actions import storable_situation
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import post_check
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, sign_in

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"
ROLES = {"student": "student", "parent": "parent", "teacher": "staff"}


def situation(protocol: str, persona: str, *, action: str, context: str,
              school_related: bool, channel: str | None = None, account: str = "personal",
              target: dict[str, str] | None = None, permission: str | None = None,
              text: str = "", media: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The situation the page builds for ``persona`` (see ``situation_from_forms``)."""
    return {
        "protocol": protocol, "actor": {"role": ROLES[persona]}, "context": context,
        "school_related": school_related, "action": action, "channel": channel,
        "account": account, "target": target,
        "permission": {"granted_by": permission} if permission else None,
        "post": {"text": text, "media": media or []},
    }


def photo(kind: str = "photo", **counts: int) -> dict[str, Any]:
    """A photo (video, recording) with students by consent: photo(given=2, unknown=1)."""
    return {"kind": kind, "people": [{"role": "student", "consent": consent}
                                     for consent in ("given", "refused", "unknown")
                                     for _ in range(counts.get(consent, 0))]}


CASES = {
    "personal data of others in a student's post": situation(
        ROERMOND, "student", action="publish", context="off_duty", school_related=True,
        channel="instagram",
        text="Wie wil er mee? Bel me op 06-12345678 of kom langs op Kerkstraat 14 in Venlo."),
    "abuse in a class discussion": situation(
        ROERMOND, "student", action="discuss", context="off_duty", school_related=True,
        channel="whatsapp", text="Jij bent echt een vieze loser, niemand wil jou in de klas."),
    # issue 12: bullying as pupils write it, which only the trained model reads
    "a pupil's mockery of a classmate's poverty, in slang": situation(
        WILLIBRORD, "student", action="publish", context="off_duty", school_related=True,
        channel="snapchat", text="morgen geen gym jongens. kijk naar die osso uit 2b hahaha "
                                 "zijn moeder kan niet eens schoenen kopen 🤣"),
    "a teacher's class photo on the website, consent partly unknown": situation(
        ROERMOND, "teacher", action="publish", context="work", school_related=True,
        channel="school_website", account="school", text="Onze sportdag was geweldig!",
        media=[photo(given=2, unknown=1)]),
    "a parent's photo in the class app with everyone's consent": situation(
        WILLIBRORD, "parent", action="publish", context="off_duty", school_related=True,
        channel="class_group_app", media=[photo(given=3)]),
    "a student's video with a refusal": situation(
        WILLIBRORD, "student", action="publish", context="off_duty", school_related=True,
        channel="tiktok", media=[photo("video", given=1, refused=1)]),
    "a teacher befriending a student": situation(
        WILLIBRORD, "teacher", action="befriend", context="off_duty", school_related=False,
        channel="facebook", target={"role": "student"}),
    "a teacher befriending a student, Roermond, declared school-related": situation(
        ROERMOND, "teacher", action="befriend", context="off_duty", school_related=True,
        channel="instagram", target={"role": "student"}),
    "social media in a lesson with the teacher's permission": situation(
        WILLIBRORD, "student", action="use_social_media", context="lesson",
        school_related=True, channel="youtube", permission="teacher"),
    "social media in a lesson without permission": situation(
        ROERMOND, "student", action="use_social_media", context="lesson",
        school_related=True, channel="tiktok"),
    "out of scope: a parent's holiday post": situation(
        ROERMOND, "parent", action="publish", context="off_duty", school_related=False,
        channel="facebook", text="Wat een mooie zonsondergang vandaag aan zee."),
    "a student liking a teacher's work account": situation(
        WILLIBRORD, "student", action="like", context="off_duty", school_related=True,
        channel="linkedin", target={"role": "staff", "account": "professional"}),
}


def page_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The answers on the checker's form that build ``data``."""
    target = data["target"] or {}
    fields = {
        "action": data["action"], "context": data["context"],
        "school_related": "yes" if data["school_related"] else "no",
        "channel": data["channel"] or "", "account": data["account"],
        "target_role": target.get("role", ""), "target_account": target.get("account", ""),
        "permission": (data["permission"] or {}).get("granted_by", ""),
        "text": data["post"]["text"],
    }
    for index, media in enumerate(data["post"]["media"]):
        fields[f"foto-{index}-kind"] = media["kind"]
        for consent in ("given", "refused", "unknown"):
            fields[f"foto-{index}-students_{consent}"] = str(sum(
                1 for person in media["people"] if person["consent"] == consent))
    return fields


def same_verdict(verdict: dict[str, Any]) -> tuple[str, list[tuple[Any, ...]]]:
    """What must be equal everywhere: the verdict and every finding's article, effect,
    whether it is met, the rule and the article of an exception."""
    return verdict["verdict"], sorted(
        (f["article"], f["effect"], f["met"], f["rule"], f.get("exception_article"))
        for f in verdict["findings"])


@pytest.mark.parametrize("case", CASES)
def test_the_page_the_api_and_the_command_give_the_same_verdict(
        case: str, client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion], check: Callable[..., Any]) -> None:
    data = CASES[case]
    person = getattr(members, next(name for name, role in ROLES.items()
                                   if role == data["actor"]["role"]))
    do_set_school_protocol(members.school, builtin_versions[data["protocol"]])
    sign_in(client, person.user)
    _token, raw = do_create_token(name="drieweg", user=person.user, scopes=Scope.values)

    page = post_check(client, **page_fields(data))
    api = Client(headers={"Authorization": f"Bearer {raw}"}).post(
        "/api/v1/checks", json.dumps(data), content_type="application/json")
    command = check(data)

    assert page.status_code == 200 and api.status_code == 200, api.content
    page_record, api_record = CheckRecord.objects.order_by("pk")
    assert page_record.situation == storable_situation(data)  # the page sent this, too
    shown = page.context["result"]
    page_verdict = {"verdict": shown.verdict, "findings": [
        {**item.finding.to_dict()} for group in shown.groups for item in group.findings]}
    assert same_verdict(page_verdict) == same_verdict(api.json()) == same_verdict(command.json)
    # Both interfaces with a school record the check, with the same verdict and articles.
    assert (page_record.verdict, page_record.articles) == (
        api_record.verdict, api_record.articles) == (
        command.json["verdict"], api_record.articles)
    assert api_record.user == person.user and api_record.school == members.school


def test_the_cases_cover_every_kind_of_situation_the_issue_names() -> None:
    """At least eight situations, both seed protocols, every actor the page knows, and
    text, photos, a befriending, a lesson and a situation outside the protocol."""
    assert len(CASES) >= 8
    assert {data["protocol"] for data in CASES.values()} == {ROERMOND, WILLIBRORD}
    assert {data["actor"]["role"] for data in CASES.values()} == set(ROLES.values())
    assert {data["action"] for data in CASES.values()} >= {
        "publish", "discuss", "befriend", "use_social_media", "like"}
    assert any(data["post"]["media"] for data in CASES.values())
    assert any(data["school_related"] is False for data in CASES.values())
