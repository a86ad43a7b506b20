"""The checker page renders an empty photo slot once per process (checker_tags.photo_slot),
and what it shows is exactly what rendering every slot anew would show: a slot with
something in it (counts, a file, an error) is never replaced by the empty one, and a
filled slot never leaks into the next person's page."""

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
def _no_slots_kept() -> None:
    checker_tags._empty_slots.clear()


def _form(html: str) -> str:
    """The page's form, without what differs from one response to the next (the masked
    CSRF token)."""
    form = html[html.index('<form class="check-form"'):html.index("</form>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", form)


def _pages(client: Client) -> list[str]:
    """The same sequence of requests: an empty form, a check with a photo and counts in
    slot 2, one with an error in slot 3, and an empty form again."""
    pages = [client.get(URL)]
    pages.append(post_check(client, **SITUATION, **{
        "foto-0-photo": image_file("klas.png", "PNG"), "foto-1-students_given": "3",
        "foto-1-students_unknown": "2"}))
    pages.append(post_check(client, **SITUATION, **{"foto-2-students_given": "-4"}))
    pages.append(client.get(URL))
    return [_form(page.content.decode()) for page in pages]


def test_the_page_is_the_same_whether_empty_slots_are_kept_or_rendered_anew(
        client: Client, members: Personas, settings: Settings) -> None:
    sign_in(client, members.teacher.user)
    settings.DEBUG = True  # every slot rendered anew
    fresh = _pages(client)
    assert not checker_tags._empty_slots

    settings.DEBUG = False
    _pages(client)  # fills what is kept
    assert checker_tags._empty_slots
    assert _pages(client) == fresh


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

    assert b"<legend>Foto 2</legend>" in dutch
    assert b"<legend>Photo 2</legend>" in english
