"""Issue 11, point 11: Willibrord A.8 stays faithful, with the AVG note beside the verdict.

The website is opt-out under A.8; the Autoriteit Persoonsgegevens holds that silence is not
consent for photos of pupils, so the verdict says: ask actively.
"""

from __future__ import annotations

import json

from tests.scenario import WILLIBRORD, photo, situation


def _website_photo(consent: str) -> str:
    return json.dumps(situation(WILLIBRORD, "staff", "publish", "work",
                                channel="school_website", account="school",
                                post={"media": [photo(consent)]}))


def test_website_photo_without_objection_stays_allowed_with_the_avg_note(run):
    # Seed A.8: "Op de website van Willibrord-Miland worden alleen foto's van leerlingen
    # geplaatst als hun ouders/verzorgers hier geen bezwaar tegen hebben." — allowed, as the
    # article says; the Autoriteit Persoonsgegevens holds that silence is not consent.
    result = run("check", "-", stdin=_website_photo("unknown"))
    assert result.code == 0
    assert result.out.startswith("Oordeel: Toegestaan\n")
    assert "volgens de Autoriteit Persoonsgegevens is zwijgen geen toestemming" in result.out
    assert "Vraag ouders/verzorgers actief om toestemming." in result.out


def test_the_avg_note_is_in_the_json_verdict_and_in_english(run):
    # Seed A.8, as above: the note travels in the A.8 finding's own message.
    verdict = run("check", "-", "--format", "json", stdin=_website_photo("unknown")).json
    assert verdict["verdict"] == "allowed"
    a8 = next(f for f in verdict["findings"] if f["article"] == "A.8")
    assert "Autoriteit Persoonsgegevens" in a8["message"]
    english = run("check", "-", "--lang", "en", stdin=_website_photo("unknown")).out
    assert "silence is not consent for photos of pupils" in english


def test_the_avg_note_is_not_attached_to_verdicts_of_other_articles(run):
    # Seed A.5 (Willibrord): "Het is voor medewerkers en leerlingen niet toegestaan om foto-,
    # film- en geluidsopnamen ... op de sociale media te zetten tenzij betrokkenen hier
    # uitdrukkelijk toestemming voor plaatsing hebben gegeven;" — no A.8, no note.
    data = situation(WILLIBRORD, "staff", "publish", "work", channel="instagram",
                     account="school", post={"media": [photo("given")]})
    result = run("check", "-", stdin=json.dumps(data))
    assert "Autoriteit Persoonsgegevens" not in result.out
