"""The guardian's page in English (issue 14): a language switch, and every Dutch string
the page shows has an English translation — purposes, their explanations, who decides,
what a withdrawal does, the school's default consent text, the not-usable link page.

The check renders each page in Dutch and in English and compares the texts a person sees
(text, headings, labels, the title): a text shown the same in both is untranslated,
unless it is a name or the school's contact details."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.explained import shipped_explanations
from protocolwijzer.consent.guardian import do_make_guardian_link, field_name
from protocolwijzer.consent.models import ConsentSettings, GuardianLink, Purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, make_personas

PAGE = "/toestemming/ouder/"


class _Texts(HTMLParser):
    """The texts a person sees or hears: text nodes (not in script or style), the
    page's title, and aria-label and alt attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "alt", "placeholder") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._hidden:
            self.texts.append(text)


def texts_of(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def untranslated(dutch: str, english: str, names: set[str]) -> list[str]:
    """Texts of the Dutch page that the English page shows unchanged, names apart."""
    shown_in_english = set(texts_of(english))

    def is_name_or_number(text: str) -> bool:
        rest = text
        for name in sorted(names, key=len, reverse=True):
            rest = rest.replace(name, "")
        return not re.sub(r"[\W\d_]+", "", rest)

    return sorted({text for text in texts_of(dutch)
                   if text in shown_in_english and not is_name_or_number(text)})


@pytest.fixture
def p(db) -> Personas:
    personas = make_personas()
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    personas.school.phone, personas.school.email = "0475-123456", "info@de-maas.example"
    personas.school.save(update_fields=["phone", "email"])
    older = Person.objects.create(school=personas.school, first_name="Lotte",
                                  last_name="Bakker", role=Person.Role.LEERLING,
                                  group=personas.group_1b)
    today = timezone.localdate()
    older.date_of_birth = today.replace(year=today.year - 17)
    older.save(update_fields=["date_of_birth"])
    personas.parent.children.add(older)
    return personas


def names_of(p: Personas) -> set[str]:
    people = [p.parent, *p.parent.children.all()]
    return ({person.full_name for person in people} | {person.first_name for person in people}
            | {p.school.name, p.other_school.name, p.sister_school.name, "Protocolwijzer",
               p.school.phone, p.school.email, "Nederlands", "English", "E-mail",
               "Website"})


def in_both_languages(browser: Client, url: str) -> tuple[str, str]:
    dutch = browser.get(url).content.decode()
    browser.post("/i18n/setlang/", {"language": "en", "next": url})
    english = browser.get(url).content.decode()
    browser.post("/i18n/setlang/", {"language": "nl", "next": url})
    return dutch, english


def opened(p: Personas) -> Client:
    _link, token = do_make_guardian_link(p.parent, None)
    browser = Client()
    assert browser.get(f"/toestemming/ouder/{token}/").status_code == 302
    return browser


def test_the_guardians_page_has_a_language_switch_that_keeps_the_page(p):
    browser = opened(p)

    page = browser.get(PAGE).content.decode()
    switched = browser.post("/i18n/setlang/", {"language": "en", "next": PAGE})

    assert 'action="/i18n/setlang/"' in page and 'name="language"' in page
    assert (switched.status_code, switched["Location"]) == (302, PAGE)
    english = browser.get(PAGE).content.decode()
    assert '<html lang="en">' in english
    assert "Photos and videos of your child" in english


def test_every_dutch_string_on_the_guardians_page_has_an_english_translation(p):
    social = Purpose.objects.get(school=p.school, code="sociale-media")
    do_record_decision(p.student, social, "refused", decided_by=p.parent,
                       how="guardian_page")
    browser = opened(p)
    browser.post(PAGE, {field_name(p.student, Purpose.objects.get(
        school=p.school, code="pers")): "given"})

    dutch, english = in_both_languages(browser, PAGE + "?opgeslagen=1")

    assert '<html lang="nl">' in dutch and '<html lang="en">' in english
    assert untranslated(dutch, english, names_of(p)) == []
    # What the issue names in particular, in English:
    for text in ("Press", "Class app", "For example:",
                 shipped_explanations()["pers"]["meaning"]["en"],
                 shipped_explanations()["klassenapp"]["example"]["en"],
                 "From 16, your child decides.",
                 "What has already been published, the school takes down within 5 "
                 "working days.",
                 "decides for themselves"):
        assert text in english, text


def test_the_withdrawal_promise_uses_the_schools_own_number_of_working_days(p):
    ConsentSettings.objects.filter(school=p.school).update(takedown_working_days=3)
    browser = opened(p)

    page = browser.get(PAGE).content.decode()

    assert "Wat al gepubliceerd is, haalt de school weg binnen 3 werkdagen." in page
    assert "Vanaf 16 jaar beslist uw kind zelf." in page


def test_a_schools_own_purpose_is_shown_in_its_own_words_marked_as_dutch(p):
    Purpose.objects.create(school=p.school, code="open-dag", name="Open dag",
                           description="Foto's op de posters voor de open dag.", order=99)
    browser = opened(p)

    dutch, english = in_both_languages(browser, PAGE)

    assert '<legend lang="nl">Open dag</legend>' in english
    assert '<p class="help" lang="nl">Foto&#x27;s op de posters voor de open dag.</p>' in english
    assert "<legend>Open dag</legend>" in dutch


def test_every_dutch_string_on_the_not_usable_link_page_has_an_english_translation(p):
    _link, token = do_make_guardian_link(p.parent, None)
    GuardianLink.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    browser = Client()
    url = f"/toestemming/ouder/{token}/"

    dutch, english = in_both_languages(browser, url)
    unknown_nl, unknown_en = in_both_languages(Client(), "/toestemming/ouder/onbekend/")

    assert "Ask De Maas for a new link" in english
    assert untranslated(dutch, english, names_of(p)) == []
    assert untranslated(unknown_nl, unknown_en, names_of(p)) == []
