"""The checker page renders what looks the same in every request once per process
(checker_tags: an empty photo slot, a choice field with a given choice), and what it shows
is exactly what rendering everything anew would show, for every role: a slot with
something in it (counts, a file, an error) is never replaced by the empty one, a field
with an error is rendered with it, and nothing filled in leaks into the next person's
page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import Settings

from protocolwijzer.checks.templatetags import checker_tags
from protocolwijzer.checks.tests.helpers import URL, image_file, post_check
from protocolwijzer.schools.tests.personas import Personas, sign_in

SITUATION = {"action": "publish", "context": "off_duty", "school_related": "yes",
             "channel": "instagram"}


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    checker_tags._empty_slots.clear()
    checker_tags._choice_fields.clear()


def _form(html: str) -> str:
    """The page's form, without what differs from one response to the next (the masked
    CSRF token)."""
    start = html.index('<form class="check-form"')
    form = html[start:html.index("</form>", start)]
    assert 'name="action"' in form and 'id="foto-10"' in form
    form = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", form)
    # Each run uploads the photo anew: a new item, with its own number and address.
    form = re.sub(r'(-item" value=")\d+"', r'\1N"', form)
    return re.sub(r"/\d+/(bestand|status)/", r"/N/\1/", form)


def _pages(client: Client) -> list[str]:
    """The same sequence of requests: an empty form, a check with a photo and counts in
    slot 2, one with an error in slot 3 and no action chosen, one with other choices, and
    an empty form again."""
    pages = [client.get(URL)]
    pages.append(post_check(client, **SITUATION, **{
        "foto-0-photo": image_file("klas.png", "PNG"), "foto-1-students_given": "3",
        "foto-1-students_unknown": "2"}))
    pages.append(post_check(client, **{**SITUATION, "action": ""},
                            **{"foto-2-students_given": "-4"}))
    pages.append(post_check(client, action="befriend", context="lesson", school_related="no",
                            channel="whatsapp", target_role="student", permission="teacher",
                            capacity="parent"))
    pages.append(client.get(URL))
    return [_form(page.content.decode()) for page in pages]


@pytest.mark.parametrize("who", ["teacher", "student", "parent", "mr_lid_and_parent"])
def test_the_page_is_the_same_whether_parts_are_kept_or_rendered_anew(
        client: Client, members: Personas, settings: Settings, who: str) -> None:
    if who == "mr_lid_and_parent":  # asked in which capacity they act
        members.mr_lid.children.add(members.classmate)
        who = "mr_lid"
    sign_in(client, members.user(who))
    settings.DEBUG = True  # everything rendered anew
    fresh = _pages(client)
    assert not checker_tags._empty_slots and not checker_tags._choice_fields
    assert "checked" in fresh[1] and 'value="3"' in fresh[1]  # what was chosen shows

    settings.DEBUG = False
    _pages(client)  # fills what is kept
    assert checker_tags._empty_slots and checker_tags._choice_fields
    assert _pages(client) == fresh


def test_roles_offered_different_choices_each_see_their_own(
        client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)
    staff = client.get(URL).content.decode()
    sign_in(client, members.student.user)
    student = client.get(URL).content.decode()

    offered = ('name="context" value="work"', 'name="account" value="professional"')
    assert all(choice in staff for choice in offered)
    assert not any(choice in student for choice in offered)


def test_a_filled_slot_shows_what_was_filled_in_and_the_next_page_is_empty_again(
        client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)
    client.get(URL)  # every slot kept empty

    filled = post_check(client, **SITUATION, **{"foto-1-students_given": "3"}).content
    wrong = post_check(client, **SITUATION, **{"foto-2-students_given": "-4"}).content
    empty = client.get(URL).content

    assert b'name="foto-1-students_given" value="3"' in filled
    assert b'id="foto-3"' in wrong and b'class="photo-slot field--invalid" id="foto-3"' in wrong
    assert b'value="3"' not in empty and b"field--invalid" not in empty


def test_a_kept_slot_is_in_the_language_of_the_page(client: Client, members: Personas,
                                                    settings: Settings) -> None:
    sign_in(client, members.teacher.user)
    dutch = client.get(URL).content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(URL).content

    assert b"<legend>Foto of video 2</legend>" in dutch
    assert b"<legend>Photo or video 2</legend>" in english
