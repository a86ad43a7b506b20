"""`protocolwijzer check` decides situations as the articles of both seed protocols say.

Every normative article of both protocols is exercised here, and every difference listed at
the end of shared/seeds/README.md has a pair of tests, one per protocol.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.scenario import ROERMOND, WILLIBRORD, photo, situation

DISCLAIMER = ("De standpunten en meningen in dit bericht zijn mijn eigen persoonlijke mening "
              "en staan los van de standpunten van de school. Ik ben niet verantwoordelijk "
              "voor de inhoud en uitlatingen van derden.")
OWN_OPINION_ONLY = "Dit is mijn eigen mening en niet die van de school."


def cited(verdict: dict[str, Any], effect: str | None = None) -> list[str]:
    return [f["article"] for f in verdict["findings"] if effect is None or f["effect"] == effect]


def sanctions(verdict: dict[str, Any]) -> list[str]:
    return [c["article"] for c in verdict["consequences"]]


# -- A.1: social media during lessons, and who may permit it -------------------------------

def test_student_on_social_media_in_a_lesson_without_permission_is_forbidden(check):
    result = check(situation(ROERMOND, "student", "use_social_media", "lesson"))
    assert result.code == 1
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.1"]
    assert sanctions(result.json) == ["sancties.B.1", "sancties.B.1"]
    assert {c["kind"] for c in result.json["consequences"]} == {"dossier", "measures"}


def test_student_with_teachers_permission_may_use_social_media_in_roermond(check):
    result = check(situation(ROERMOND, "student", "use_social_media", "lesson",
                             permission={"granted_by": "teacher"}))
    assert (result.code, result.json["verdict"]) == (0, "allowed")
    assert cited(result.json, "allowed") == ["A.1"]
    assert result.json["consequences"] == []


def test_staff_with_only_a_teachers_permission_is_forbidden_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "use_social_media", "lesson",
                             permission={"granted_by": "teacher"}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.1"]
    assert sanctions(result.json) == ["sancties.A.1", "sancties.A.2"]


def test_staff_with_school_leadership_permission_is_allowed_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "use_social_media", "lesson",
                             permission={"granted_by": "school_leadership"}))
    assert result.json["verdict"] == "allowed"


def test_staff_with_a_teachers_permission_is_allowed_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "use_social_media", "lesson",
                             permission={"granted_by": "teacher"}))
    assert result.json["verdict"] == "allowed"
    assert cited(result.json, "allowed") == ["A.1"]


def test_student_without_permission_in_willibrord_is_forbidden_with_school_measures(check):
    result = check(situation(WILLIBRORD, "student", "use_social_media", "lesson"))
    assert result.json["verdict"] == "forbidden"
    assert sanctions(result.json) == ["sancties.4", "sancties.5"]


def test_social_media_outside_lessons_is_unregulated_and_allowed(check):
    result = check(situation(WILLIBRORD, "student", "use_social_media", "off_duty"))
    assert (result.code, result.json["verdict"], result.json["findings"]) == (0, "allowed", [])


def test_parent_in_a_lesson_is_not_bound_by_a1(check):
    result = check(situation(ROERMOND, "parent", "use_social_media", "lesson"))
    assert result.json["verdict"] == "allowed"


# -- doelgroep.2: scope ---------------------------------------------------------------------

@pytest.mark.parametrize("protocol", [ROERMOND, WILLIBRORD])
def test_a_message_unrelated_to_school_is_out_of_scope(check, protocol):
    data = situation(protocol, "staff", "publish", school_related=False, channel="facebook",
                     post={"text": "Mijn kat is jarig!"})
    result = check(data)
    assert (result.code, result.json["verdict"]) == (0, "out_of_scope")
    assert cited(result.json) == ["doelgroep.2"]


# -- A.5: recordings, and who is bound -----------------------------------------------------

def test_parent_photo_without_consent_is_forbidden_in_roermond(check):
    result = check(situation(ROERMOND, "parent", "publish", channel="facebook",
                             post={"text": "Schoolreis!", "media": [photo("unknown")]}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.5"]
    # Roermond names measures towards students only; a parent gets the dossier.
    assert [c["kind"] for c in result.json["consequences"]] == ["dossier"]


def test_parent_photo_without_consent_is_not_forbidden_in_willibrord(check):
    result = check(situation(WILLIBRORD, "parent", "publish", channel="facebook",
                             post={"text": "Schoolreis!", "media": [photo("unknown")]}))
    assert result.json["verdict"] == "allowed"
    assert "A.5" not in cited(result.json)


def test_parent_photo_in_class_app_gets_willibrords_a11_advice_but_is_allowed(check):
    result = check(situation(WILLIBRORD, "parent", "publish", channel="class_group_app",
                             post={"media": [photo("refused", "given")]}))
    assert result.json["verdict"] == "allowed"
    # A.11 asks parents to respect "de actuele lijst genoemd bij 10": both are cited.
    assert cited(result.json, "advice") == ["A.10", "A.11"]


def test_staff_photo_of_student_without_consent_is_forbidden_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "publish", "work", channel="instagram",
                             account="school", post={"media": [photo("given", "unknown")]}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.5"]
    assert result.json["findings"][0]["fix"]


def test_photo_where_everyone_consented_is_allowed_citing_a5(check):
    result = check(situation(WILLIBRORD, "staff", "publish", "work", channel="instagram",
                             account="school", post={"media": [photo("given", "given")]}))
    assert result.json["verdict"] == "allowed"
    assert "A.5" in cited(result.json, "allowed")


def test_student_video_of_a_refusing_classmate_is_forbidden_in_roermond(check):
    media = [{"kind": "video", "people": [{"role": "student", "consent": "refused"}]}]
    result = check(situation(ROERMOND, "student", "publish", channel="snapchat",
                             post={"media": media}))
    assert cited(result.json, "forbidden") == ["A.5"]


def test_photo_without_people_is_allowed(check):
    # "people": [] states that nobody is on it; an absent "people" states nothing and
    # asks who is on it (tests/test_check_asks_who_is_on_a_recording.py).
    result = check(situation(ROERMOND, "staff", "publish", "work", channel="facebook",
                             account="school", post={"media": [{"kind": "photo",
                                                                "people": []}]}))
    assert result.json["verdict"] == "allowed"


# -- A.8: the school website is opt-out in Willibrord, not covered in Roermond -------------

def test_website_photo_of_student_without_recorded_objection_is_allowed_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "publish", "work", channel="school_website",
                             account="school", post={"media": [photo("unknown")]}))
    assert result.json["verdict"] == "allowed"
    allowed = [f for f in result.json["findings"] if f["article"] == "A.8"]
    assert allowed and allowed[0]["effect"] == "allowed"


def test_website_photo_of_student_whose_parents_object_is_forbidden_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "publish", "work", channel="school_website",
                             account="school", post={"media": [photo("refused")]}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.8"]


def test_website_photo_is_not_regulated_by_roermond(check):
    result = check(situation(ROERMOND, "staff", "publish", "work", channel="school_website",
                             account="school", post={"media": [photo("refused")]}))
    assert result.json["verdict"] == "allowed"
    assert "A.5" not in cited(result.json)


# -- befriending and contact: Roermond C.4, Willibrord A.6/A.12 -----------------------------

def test_staff_befriending_a_student_privately_is_forbidden_in_willibrord_citing_both(check):
    result = check(situation(WILLIBRORD, "staff", "befriend", channel="instagram",
                             account="personal", target={"role": "student"}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.6", "A.12"]


def test_professional_account_lifts_the_prohibition_in_willibrord_citing_both(check):
    result = check(situation(WILLIBRORD, "staff", "befriend", channel="instagram",
                             account="professional", target={"role": "student"}))
    assert (result.code, result.json["verdict"]) == (0, "allowed")
    a6 = next(f for f in result.json["findings"] if f["article"] == "A.6")
    assert a6["effect"] == "allowed" and a6["exception_article"] == "A.12"
    assert "A.12" in cited(result.json, "allowed")


def test_professional_account_does_not_help_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "befriend", channel="instagram",
                             account="professional", target={"role": "student"}))
    assert cited(result.json, "forbidden") == ["C.4"]


@pytest.mark.parametrize("target", ["parent", "former_student", "student"])
def test_staff_contact_with_parents_and_former_students_is_forbidden_in_roermond(check, target):
    result = check(situation(ROERMOND, "staff", "contact", "work", channel="facebook",
                             target={"role": target}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["C.4"]


@pytest.mark.parametrize("target", ["parent", "former_student"])
def test_staff_contact_with_parents_and_former_students_is_allowed_in_willibrord(check,
                                                                                  target):
    result = check(situation(WILLIBRORD, "staff", "befriend", channel="facebook",
                             target={"role": target}))
    assert result.json["verdict"] == "allowed"


def test_student_befriending_staff_on_a_private_account_is_forbidden_in_willibrord(check):
    result = check(situation(WILLIBRORD, "student", "befriend", channel="instagram",
                             target={"role": "staff", "account": "personal"}))
    assert cited(result.json, "forbidden") == ["A.12"]


def test_student_befriending_a_professional_staff_account_is_allowed_in_willibrord(check):
    result = check(situation(WILLIBRORD, "student", "befriend", channel="instagram",
                             target={"role": "staff", "account": "professional"}))
    assert result.json["verdict"] == "allowed"
    assert "A.12" in cited(result.json, "allowed")


def test_student_befriending_staff_is_not_regulated_in_roermond(check):
    result = check(situation(ROERMOND, "student", "befriend", channel="instagram",
                             target={"role": "staff"}))
    assert result.json["verdict"] == "allowed"


def test_student_may_like_the_schools_facebook_page_in_willibrord(check):
    result = check(situation(WILLIBRORD, "student", "like", channel="facebook",
                             target={"role": "school_page"}))
    assert result.json["verdict"] == "allowed"
    assert cited(result.json, "allowed") == ["A.7"]


# -- C.3: the own-opinion disclaimer, both parts --------------------------------------------

def test_staff_post_about_school_without_disclaimer_needs_changes(check):
    result = check(situation(ROERMOND, "staff", "publish", channel="facebook",
                             account="personal",
                             post={"text": "Wat een mooie open dag hadden we vandaag!"}))
    assert (result.code, result.json["verdict"]) == (1, "needs_changes")
    unmet = [f for f in result.json["findings"] if f["effect"] == "obligation" and not f["met"]]
    assert [f["article"] for f in unmet] == ["C.3", "C.3"]
    assert all(f["fix"] for f in unmet)
    assert sanctions(result.json) == ["sancties.A.1", "sancties.A.2"]


def test_full_disclaimer_satisfies_c3(check):
    result = check(situation(ROERMOND, "staff", "publish", channel="facebook",
                             account="personal",
                             post={"text": "Wat een mooie open dag! " + DISCLAIMER}))
    assert result.json["verdict"] == "allowed"
    met = [f for f in result.json["findings"] if f["effect"] == "obligation"]
    assert [f["met"] for f in met] == [True, True]


def test_half_a_disclaimer_does_not_satisfy_c3(check):
    result = check(situation(WILLIBRORD, "staff", "publish", channel="facebook",
                             account="personal",
                             post={"text": "Mooie musical gisteren. " + OWN_OPINION_ONLY}))
    assert result.json["verdict"] == "needs_changes"
    unmet = [f["rule"] for f in result.json["findings"]
             if f["effect"] == "obligation" and not f["met"]]
    assert unmet == ["C.3-third-parties"]


def test_posting_as_the_school_needs_no_personal_disclaimer(check):
    result = check(situation(ROERMOND, "staff", "publish", channel="facebook",
                             account="school", post={"text": "Open dag op zaterdag!"}))
    assert result.json["verdict"] == "allowed"


# -- saying you are an employee: Roermond C.2 only off duty; Willibrord B.2 and C.2 --------

def test_staff_discussing_school_off_duty_must_say_they_are_employee_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "discuss", channel="facebook",
                             post={"text": "Ik vind dat de school het goed aanpakt."}))
    assert result.json["verdict"] == "needs_changes"
    assert [f["article"] for f in result.json["findings"] if f["met"] is False] == ["C.2"]


def test_employee_mention_satisfies_c2_in_roermond(check):
    text = ("Ik ben medewerker van Stichting Praktijkonderwijs Roermond e.o. en ik vind dat "
            "de school het goed aanpakt.")
    result = check(situation(ROERMOND, "staff", "discuss", channel="facebook",
                             post={"text": text}))
    assert result.json["verdict"] == "allowed"


def test_staff_discussing_at_work_needs_no_employee_mention_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "discuss", "work", channel="facebook",
                             post={"text": "Goede vraag, we kijken ernaar."}))
    assert result.json["verdict"] == "allowed"
    assert "B.3" in cited(result.json, "advice")


def test_staff_discussing_at_work_must_say_they_are_employee_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "discuss", "work", channel="facebook",
                             post={"text": "Goede vraag, we kijken ernaar."}))
    assert result.json["verdict"] == "needs_changes"
    assert [f["article"] for f in result.json["findings"] if f["met"] is False] == ["B.2"]


def test_staff_discussing_off_duty_must_say_they_are_employee_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "discuss", channel="facebook",
                             post={"text": "Goede vraag, dat gaat prima op school."}))
    assert [f["article"] for f in result.json["findings"] if f["met"] is False] == ["C.2"]


# -- A.6 / A.9 decency, and the sanctions per role ------------------------------------------

def test_student_insulting_a_classmate_is_forbidden_with_dossier_and_measures(check):
    result = check(situation(ROERMOND, "student", "publish", channel="instagram",
                             post={"text": "Daan je bent echt een loser, niemand vindt je "
                                           "leuk."}))
    assert result.json["verdict"] == "forbidden"
    assert "A.6" in cited(result.json, "forbidden")
    assert {c["kind"] for c in result.json["consequences"]} == {"dossier", "measures"}


def test_staff_abusive_post_is_escalated_to_the_vertrouwensinspecteur_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "publish", channel="facebook",
                             post={"text": "Die ouders zijn gewoon idioten. " + DISCLAIMER}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.9"]
    assert sanctions(result.json) == ["sancties.1", "sancties.2", "sancties.3"]
    escalation = result.json["consequences"][1]
    assert escalation["kind"] == "escalation" and escalation["contact"] == "0900-1113111"


def test_staff_abusive_post_has_no_escalation_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "publish", channel="facebook",
                             post={"text": "Die ouders zijn gewoon idioten. " + DISCLAIMER}))
    assert {c["kind"] for c in result.json["consequences"]} == {"dossier", "measures"}


def test_threat_by_a_student_leads_to_aangifte(check):
    result = check(situation(WILLIBRORD, "student", "publish", channel="snapchat",
                             post={"text": "Ik weet waar je woont, ik maak je af."}))
    assert result.json["verdict"] == "forbidden"
    assert "sancties.6" in sanctions(result.json)


def test_parent_threat_in_roermond_gets_dossier_and_aangifte_but_no_measures(check):
    result = check(situation(ROERMOND, "parent", "publish", channel="facebook",
                             post={"text": "Die juf moet oppassen, ik maak haar af."}))
    assert [c["kind"] for c in result.json["consequences"]] == ["dossier", "aangifte"]


def test_parent_abuse_in_willibrord_can_lead_to_measures_towards_parents(check):
    result = check(situation(WILLIBRORD, "parent", "discuss", channel="facebook",
                             post={"text": "Die meester is een idioot."}))
    assert cited(result.json, "forbidden") == ["A.9"]
    assert sanctions(result.json) == ["sancties.4", "sancties.5"]


# -- A.2 / C.1 personal information ----------------------------------------------------------

def test_student_sharing_a_classmates_phone_number_is_forbidden(check):
    result = check(situation(ROERMOND, "student", "publish", channel="whatsapp",
                             post={"text": "Bel Sanne maar op 06-12345678 voor het huiswerk."}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.2"]
    assert [(d["kind"], d["text"]) for d in result.json["analysis"]["personal_data"]] == [
        ("name", "Sanne"), ("phone", "06-12345678")]


def test_naming_a_classmate_alone_is_advice_not_a_prohibition(check):
    result = check(situation(ROERMOND, "student", "publish", channel="instagram",
                             post={"text": "Gefeliciteerd Sanne, super gedaan bij de musical!"}))
    assert result.json["verdict"] == "allowed"
    assert cited(result.json, "advice") == ["A.2"]


def test_cursing_at_no_one_is_advice_citing_the_decency_article(check):
    for protocol, article in ((ROERMOND, "A.6"), (WILLIBRORD, "A.9")):
        result = check(situation(protocol, "student", "publish", channel="instagram",
                                 post={"text": "Kut, mijn fiets is alweer stuk."}))
        assert result.json["verdict"] == "allowed"
        assert article in cited(result.json, "advice")
        assert result.json["analysis"]["abuse"]["profanity"] is True


def test_staff_sharing_a_students_address_off_duty_breaks_a2_and_c1(check):
    result = check(situation(WILLIBRORD, "staff", "publish", channel="facebook",
                             post={"text": "Lisa woont op Kerkstraat 12, 2411 AB. "
                                           + DISCLAIMER}))
    assert cited(result.json, "forbidden") == ["A.2", "C.1"]


# -- general semantics -------------------------------------------------------------------------

def test_advice_never_changes_the_verdict(check):
    result = check(situation(ROERMOND, "staff", "publish", "work", channel="facebook",
                             account="school", post={"text": "Morgen is de sportdag!"}))
    assert result.json["verdict"] == "allowed"
    assert set(cited(result.json, "advice")) == {"B.1", "B.3"}


def test_prohibition_wins_over_a_permission(check):
    # Permission for the lesson (A.1) does not lift the recording rule (A.5).
    result = check(situation(WILLIBRORD, "student", "publish", "lesson", channel="instagram",
                             permission={"granted_by": "teacher"},
                             post={"media": [photo("unknown")]}))
    assert result.json["verdict"] == "forbidden"
    assert cited(result.json, "forbidden") == ["A.5"]
    assert "A.1" in cited(result.json, "allowed")


def test_the_same_situation_gives_the_same_verdict_every_time(check):
    data = situation(WILLIBRORD, "staff", "publish", channel="facebook",
                     post={"text": "Die ouders zijn idioten, bel 06-12345678",
                           "media": [photo("unknown"), photo("refused")]})
    first, second = check(data), check(data)
    assert first.out == second.out
    effects = [f["effect"] for f in first.json["findings"]]
    order = {"forbidden": 0, "obligation": 1, "allowed": 2, "advice": 3}
    assert effects == sorted(effects, key=order.__getitem__)


def test_protocol_option_overrides_the_situations_protocol(check):
    data = situation(ROERMOND, "parent", "publish", channel="facebook",
                     post={"media": [photo("unknown")]})
    assert check(data).json["verdict"] == "forbidden"
    other = check(data, "--protocol", WILLIBRORD)
    assert other.json["protocol"] == WILLIBRORD and other.json["verdict"] == "allowed"


def test_verdict_names_the_protocol_and_its_version(check):
    result = check(situation(WILLIBRORD, "student", "use_social_media", "lesson"))
    assert result.json["protocol"] == WILLIBRORD
    assert result.json["protocol_version"] == "2023-2024"
