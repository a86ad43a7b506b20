"""A parent decides on a phone, through the personal link (issue 5); the teacher's class
list and the checker (through the API) follow at once."""

from __future__ import annotations

import json

import pytest

from protocolwijzer.api.actions import do_create_token
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import PASSWORD, make_personas
from tests.browser.conftest import serious_accessibility_violations

pytestmark = pytest.mark.slow

WILLIBRORD = "willibrord-miland-2023"


def tagged_post(channel: str, *students: Person) -> dict:
    # The stated consent is "given": the register must overrule it where it knows better.
    return {"protocol": WILLIBRORD, "actor": {"role": "staff"}, "context": "work",
            "school_related": True, "action": "publish", "channel": channel,
            "account": "school",
            "post": {"media": [{"kind": "photo", "people": [
                {"role": "student", "id": str(s.pk), "consent": "given"}
                for s in students]}]}}


def check(page, base_url: str, token: str, situation: dict) -> dict:
    response = page.request.post(f"{base_url}/api/v1/checks", data=json.dumps(situation),
                                 headers={"Authorization": f"Bearer {token}",
                                          "Content-Type": "application/json"})
    assert response.ok, response.text()
    return response.json()


def choose(page, child: Person, purpose: Purpose, choice: str) -> None:
    child_section = page.locator(f"section[data-child='{child.pk}']")
    fieldset = child_section.get_by_role("group", name=purpose.name)
    fieldset.locator(f"input[value={choice}]").check()


def test_a_parent_decides_on_a_phone_and_the_school_follows(phone, live_server,
                                                             transactional_db):
    p = make_personas()
    do_set_up_consent(p.school, opt_out=("schoolwebsite",))
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=p.school.pk).update(protocol=versions[WILLIBRORD])
    second = Person.objects.create(school=p.school, first_name="Lotte", last_name="Bakker",
                                   role=Person.Role.LEERLING, group=p.group_1a)
    p.parent.children.add(second)
    social = Purpose.objects.get(school=p.school, code="sociale-media")
    website = Purpose.objects.get(school=p.school, code="schoolwebsite")
    _link, guardian_token = do_make_guardian_link(p.parent, p.communicatie.user)
    base = live_server.url

    # The parent, without an account, on a phone.
    phone.goto(f"{base}/toestemming/ouder/{guardian_token}/")
    assert phone.locator(f"section[data-child='{p.student.pk}']").is_visible()
    assert phone.locator(f"section[data-child='{second.pk}']").is_visible()
    assert p.classmate.first_name not in phone.locator("main").inner_text()
    assert serious_accessibility_violations(phone) == []
    choose(phone, p.student, social, "refused")
    choose(phone, p.student, website, "refused")
    choose(phone, second, website, "given")
    phone.locator("form.guardian-form button[type=submit]").click()
    phone.wait_for_url("**opgeslagen=1")
    assert phone.locator("#opgeslagen").is_visible()
    assert phone.locator(f"section[data-child='{p.student.pk}'] "
                         f"input[name=c{p.student.pk}-p{social.pk}][value=refused]"
                         ).is_checked()
    assert serious_accessibility_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert set(Decision.objects.values_list("student_id", "purpose_id", "choice", "how")) == {
        (p.student.pk, social.pk, "refused", "guardian_page"),
        (p.student.pk, website.pk, "refused", "guardian_page"),
        (second.pk, website.pk, "given", "guardian_page")}

    # The teacher's class list shows it at once.
    phone.context.clear_cookies()
    phone.goto(f"{base}/inloggen/")
    phone.get_by_label("E-mailadres").fill(p.teacher.user.email)
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Inloggen").click()
    phone.wait_for_load_state()
    phone.goto(f"{base}/toestemming/groepen/{p.group_1a.pk}/")
    order = list(Purpose.objects.filter(school=p.school, is_active=True)
                 .order_by("order", "name"))

    def cell(student: Person, purpose: Purpose):
        row = phone.locator("tbody tr").filter(
            has=phone.locator("th", has_text=student.full_name))
        return row.locator("td").nth(order.index(purpose))

    assert "consent--no" in cell(p.student, social).get_attribute("class")
    assert "consent--no" in cell(p.student, website).get_attribute("class")
    assert "consent--yes" in cell(second, website).get_attribute("class")
    assert cell(second, website).locator(".muted").count() == 0  # an answer, not silence

    # The checker takes the register's answers for students tagged by id.
    _token, api_token = do_create_token(name="browser test", user=p.communicatie.user,
                                        scopes=["check"])
    instagram = check(phone, base, api_token, tagged_post("instagram", p.student))
    assert instagram["verdict"] == "forbidden"
    assert [f["article"] for f in instagram["findings"] if f["effect"] == "forbidden"] == [
        "A.5", "A.10"]
    silent = check(phone, base, api_token, tagged_post("school_website", p.classmate))
    assert silent["verdict"] == "allowed"
    assert "A.8" in [f["article"] for f in silent["findings"]]
    given = check(phone, base, api_token, tagged_post("school_website", second))
    assert given["verdict"] == "allowed"
    objected = check(phone, base, api_token, tagged_post("school_website", p.student))
    assert objected["verdict"] == "forbidden"
