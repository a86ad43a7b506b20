"""The checker reads a post's text inside the school: its people are known names, its own
contact details are no personal data, and every marked piece names the article it touches."""

from django.test import Client

from protocolwijzer.checks.tests.helpers import post_check
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import Personas, sign_in

POST = {"action": "publish", "context": "off_duty", "school_related": "yes",
        "channel": "facebook"}


def _found(response: object) -> list[tuple[str, str, tuple[str, ...]]]:
    result = response.context["result"]  # type: ignore[attr-defined]
    return [(item.label, item.text, item.articles) for item in result.found]


def test_a_phone_number_is_marked_with_the_article_that_forbids_it(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **POST, text="Bellen kan op 06-38271946. Groetjes!")

    assert response.context["result"].verdict == "forbidden"
    # Off duty a teacher's post about school also falls under C.1.
    assert _found(response) == [("telefoonnummer", "06-38271946", ("A.2", "C.1"))]
    page = response.content.decode()
    assert '06-38271946<sup class="found__articles">A.2, C.1</sup>' in page
    assert "— artikelen A.2, C.1" in page


def test_abuse_is_marked_with_the_decency_article(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.student.user)

    response = post_check(client, **POST, text="jij bent echt een loser")

    assert [articles for _label, _text, articles in _found(response)] == [("A.6",)]


def test_a_students_name_in_lowercase_is_found_through_the_schools_roster(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **POST, text="gefeliciteerd noor, super gedaan!")

    assert _found(response) == [("naam", "noor", ("A.2",))]
    assert response.context["result"].verdict != "forbidden"   # a name is advice, not a ban


def test_a_parent_learns_nothing_about_other_families_from_the_roster(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # A first name no name list has, in lowercase: only the roster can know it. The
    # parent's roster holds their own family, not the classmate, so the page cannot be
    # used to find out who is at the school; the teacher's roster does hold her.
    Person.objects.create(school=members.school, first_name="Xylia", last_name="Pronk",
                          role=Person.Role.LEERLING, group=members.group_1a)
    text = "gefeliciteerd xylia, super gedaan!"

    sign_in(client, members.parent.user)
    as_parent = post_check(client, **POST, text=text)
    own_child = post_check(client, **POST, text="gefeliciteerd sem, super gedaan!")
    client.logout()
    sign_in(client, members.teacher.user)
    as_teacher = post_check(client, **POST, text=text)

    assert _found(as_parent) == []
    assert [found_text for _label, found_text, _articles in _found(own_child)] == ["sem"]
    assert [found_text for _label, found_text, _articles in _found(as_teacher)] == ["xylia"]


def test_the_schools_own_phone_number_and_address_are_not_personal_data(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    School.objects.filter(pk=members.school.pk).update(
        phone="0475-390100", email="info@demaas.example", address="Maasboulevard 10")
    sign_in(client, members.communicatie.user)

    response = post_check(client, **POST, text="Vragen? Bel 0475-390100, mail "
                                               "info@demaas.example of kom langs op "
                                               "Maasboulevard 10.")

    assert _found(response) == []
    assert response.context["result"].verdict != "forbidden"
