"""A member describes what they want to do and gets the verdict of their school's
protocol: the same engine and contract as ``protocolwijzer check``."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.utils.html import escape

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import URL, form_data, post_check
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.protocols.tests.conftest import ROERMOND, WILLIBRORD
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, sign_in

CLASS_PHOTO_ON_FACEBOOK = {
    "action": "publish", "context": "off_duty", "school_related": "yes",
    "channel": "facebook", "foto-0-students_unknown": "24",
}


def _verdict(response: object) -> str | None:
    result = response.context["result"]  # type: ignore[attr-defined]
    return None if result is None else result.verdict


def _cited(response: object) -> set[str]:
    result = response.context["result"]  # type: ignore[attr-defined]
    return {shown.finding.article for group in result.groups for shown in group.findings}


def test_a_parent_posting_a_class_photo_with_unknown_consent_on_facebook_is_forbidden_in_roermond(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.parent.user)

    response = post_check(client, **CLASS_PHOTO_ON_FACEBOOK)

    assert response.status_code == 200
    assert _verdict(response) == "forbidden"
    assert "A.5" in _cited(response)
    page = response.content.decode()
    assert "Niet toegestaan" in page
    a5 = builtin_versions[ROERMOND].articles.get(article_id="A.5")
    assert escape(a5.text) in page


def test_the_same_class_photo_is_allowed_for_a_parent_under_willibrord(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    sign_in(client, members.parent.user)

    response = post_check(client, **CLASS_PHOTO_ON_FACEBOOK)

    assert _verdict(response) == "allowed"
    assert "Toegestaan" in response.content.decode()


def test_a_staff_post_about_school_without_a_disclaimer_needs_the_c3_changes(
        client: Client, members: Personas) -> None:
    sign_in(client, members.other_teacher.user)  # De Wilgenhoek follows Willibrord

    response = post_check(client, action="publish", context="off_duty", school_related="yes",
                          channel="facebook",
                          text="Trots op onze leerlingen van groep 8 na de musical!")

    assert _verdict(response) == "needs_changes"
    assert "C.3" in _cited(response)
    page = response.content.decode()
    assert "Toegestaan na aanpassing" in page
    assert escape("Voeg toe: 'Dit bericht geeft mijn persoonlijke mening weer") in page


def test_the_actor_role_and_protocol_come_from_the_membership_not_the_form(
        client: Client, members: Personas) -> None:
    sign_in(client, members.student.user)

    post_check(client, action="use_social_media", context="lesson", school_related="yes",
               channel="instagram", protocol=WILLIBRORD, actor="staff")

    record = CheckRecord.objects.get()
    assert record.situation["actor"] == {"role": "student"}
    assert record.situation["protocol"] == ROERMOND
    assert record.verdict == "forbidden"
    assert record.articles == ["A.1"]


def test_a_contract_problem_is_shown_next_to_its_field_and_nothing_is_recorded(
        client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, action="befriend", context="off_duty",
                          school_related="yes", channel="facebook")

    assert response.status_code == 200
    assert _verdict(response) is None
    errors = response.context["form"].errors
    assert list(errors) == ["target_role"]
    page = response.content.decode()
    assert 'id="id_target_role_error"' in page
    assert 'href="#id_target_role_error"' in page  # the summary above the form links to it
    assert not CheckRecord.objects.exists()


def test_personal_data_found_in_the_text_is_marked(client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, action="publish", context="off_duty", school_related="yes",
                          channel="facebook", text="Vragen? Bel juf Anna op 06-12345678.")

    assert _verdict(response) == "forbidden"
    assert "<mark" in response.content.decode()
    found = [item.text for item in response.context["result"].found]
    assert "06-12345678" in found


def test_a_student_chooses_between_a_lesson_and_their_own_time_only(
        client: Client, members: Personas) -> None:
    sign_in(client, members.student.user)

    form = client.get(URL).context["form"]

    assert [code for code, _label in form.fields["context"].choices] == ["lesson", "off_duty"]


def test_a_teacher_can_also_choose_work(client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)

    form = client.get(URL).context["form"]

    assert [code for code, _label in form.fields["context"].choices] == [
        "lesson", "work", "off_duty"]


def test_the_page_has_no_inline_script_or_style(client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)

    page = post_check(client, **CLASS_PHOTO_ON_FACEBOOK).content.decode()

    assert "<script>" not in page and "<script " not in page.replace("<script src=", "")
    assert " style=" not in page and "<style" not in page


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, members: Personas) -> None:
    for response in (client.get(URL), post_check(client, **CLASS_PHOTO_ON_FACEBOOK)):
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not CheckRecord.objects.exists()


def test_an_account_without_a_school_cannot_check(client: Client, members: Personas) -> None:
    sign_in(client, members.unlinked)

    assert client.get(URL).status_code == 403


def test_a_member_of_a_school_without_a_protocol_is_told_so(
        client: Client, members: Personas) -> None:
    do_set_school_protocol(members.school, None)
    sign_in(client, members.student.user)

    response = client.get(URL)

    assert response.status_code == 200
    assert "form" not in response.context or response.context.get("form") is None


def test_the_check_form_is_protected_against_cross_site_posts(members: Personas) -> None:
    # The view reads uploads with its own handler, which needs CSRF checked inside the
    # view instead of by the middleware; it must still be checked.
    client = Client(enforce_csrf_checks=True)
    sign_in(client, members.teacher.user)

    refused = post_check(client, **CLASS_PHOTO_ON_FACEBOOK)
    client.get(URL)
    accepted = post_check(client, **CLASS_PHOTO_ON_FACEBOOK,
                          csrfmiddlewaretoken=client.cookies["csrftoken"].value)

    assert refused.status_code == 403
    assert accepted.status_code == 200 and _verdict(accepted) == "forbidden"
    assert CheckRecord.objects.count() == 1


def test_a_beheerder_checks_under_the_protocol_of_the_school_they_choose(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    do_set_school_protocol(members.sister_school, builtin_versions[WILLIBRORD])
    sign_in(client, members.beheerder)

    response = client.post(f"{URL}?school={members.sister_school.pk}",
                           form_data(**CLASS_PHOTO_ON_FACEBOOK))
    elsewhere = client.get(URL, {"school": members.other_school.pk})

    record = CheckRecord.objects.get()
    assert (record.school, record.person, record.user) == (
        members.sister_school, None, members.beheerder)
    assert record.situation["protocol"] == WILLIBRORD
    assert record.situation["actor"] == {"role": "staff"}
    assert _verdict(response) == "forbidden"
    assert elsewhere.status_code == 404
