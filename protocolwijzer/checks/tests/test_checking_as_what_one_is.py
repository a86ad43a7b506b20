"""The checker page checks a person as what they are (issue 11, point 8): an MR member sits
in the MR's staff section or its parent section, and a teacher may also be a parent. Having
children at the school makes someone a parent; an MR member without children there is staff;
someone who is both chooses on the form in which capacity they act (docs/roles.md)."""

from typing import Any

from django.test import Client

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import URL, post_check
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.protocols.tests.conftest import WILLIBRORD
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, sign_in

# Roermond C.4: "Het is voor medewerkers niet toegestaan om via social media (bv facebook)
# contact te hebben met ouders, leerlingen of oud-leerlingen."
CONTACT_WITH_A_FORMER_STUDENT = {
    "action": "contact", "context": "off_duty", "school_related": "yes",
    "channel": "facebook", "target_role": "former_student",
}
# Roermond A.5: "Het is voor betrokkenen niet toegestaan om foto-, film- en geluidsopnamen
# van schoolgerelateerde situaties op de sociale media te zetten tenzij betrokkenen hier
# uitdrukkelijk toestemming voor plaatsing hebben gegeven."
CLASS_PHOTO_ON_FACEBOOK = {
    "action": "publish", "context": "off_duty", "school_related": "yes",
    "channel": "facebook", "foto-0-students_unknown": "24",
}


def _result(response: Any) -> Any:
    assert response.status_code == 200
    return response.context["result"]


def _cited(response: Any, effect: str) -> set[str]:
    return {shown.finding.article for group in _result(response).groups
            for shown in group.findings if shown.finding.effect == effect}


def _sanctions(response: Any) -> set[str]:
    return {c.article for c in _result(response).consequences}


def test_an_mr_member_without_children_at_the_school_is_checked_as_staff_under_c4(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # The C.4 sentence above binds "medewerkers"; Roermond sancties.A.1: "Medewerkers die
    # in strijd handelen met dit protocol maken zich mogelijk schuldig aan plichtsverzuim."
    sign_in(client, members.mr_lid.user)

    response = post_check(client, **CONTACT_WITH_A_FORMER_STUDENT)

    assert _result(response).verdict == "forbidden"
    assert _cited(response, "forbidden") == {"C.4"}
    assert "sancties.A.1" in _sanctions(response)
    assert CheckRecord.objects.get().situation["actor"] == {"role": "staff"}


def test_an_mr_member_without_children_is_not_asked_in_which_capacity(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.mr_lid.user)

    response = client.get(URL)

    assert 'name="capacity"' not in response.content.decode()


def test_an_mr_member_befriending_a_student_is_forbidden_under_willibrord_a6(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # Willibrord A.6: "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met
    # leerlingen op sociale media."
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    sign_in(client, members.mr_lid.user)

    response = post_check(client, action="befriend", context="off_duty",
                          school_related="yes", channel="instagram", target_role="student")

    assert _result(response).verdict == "forbidden"
    assert "A.6" in _cited(response, "forbidden")
    assert "sancties.1" in _sanctions(response)


def test_an_mr_member_with_a_child_at_the_school_is_asked_and_checked_as_a_parent(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # The class photo sentence (A.5) binds "betrokkenen"; Roermond sancties.B.1:
    # "Leerlingen en/of ouders/verzorgers die in strijd met dit protocol handelen, maken
    # zich mogelijk schuldig aan verwijtbaar gedrag."
    members.mr_lid.children.add(members.classmate)
    sign_in(client, members.mr_lid.user)
    assert 'name="capacity"' in client.get(URL).content.decode()

    response = post_check(client, capacity="parent", **CLASS_PHOTO_ON_FACEBOOK)

    assert _result(response).verdict == "forbidden"
    assert "A.5" in _cited(response, "forbidden")
    assert _sanctions(response) == {"sancties.B.1"}
    assert CheckRecord.objects.get().situation["actor"] == {"role": "parent"}


def test_a_teacher_with_a_child_at_the_school_acting_as_staff_may_not_contact_a_former_student(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # The C.4 sentence above.
    members.teacher.children.add(members.classmate)
    sign_in(client, members.teacher.user)

    response = post_check(client, capacity="staff", **CONTACT_WITH_A_FORMER_STUDENT)

    assert _result(response).verdict == "forbidden"
    assert _cited(response, "forbidden") == {"C.4"}


def test_the_same_teacher_acting_as_a_parent_is_not_bound_by_c4(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # C.4 binds "medewerkers" only; as a parent the teacher is one of the "ouders".
    members.teacher.children.add(members.classmate)
    sign_in(client, members.teacher.user)

    response = post_check(client, capacity="parent", **CONTACT_WITH_A_FORMER_STUDENT)

    assert _result(response).verdict == "allowed"
    assert CheckRecord.objects.get().situation["actor"] == {"role": "parent"}


def test_a_parent_capacity_cannot_be_at_work(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # Section B of both seeds is "Voor medewerkers tijdens werksituaties": a parent is
    # never at work at school.
    members.teacher.children.add(members.classmate)
    sign_in(client, members.teacher.user)

    response = post_check(client, **{**CONTACT_WITH_A_FORMER_STUDENT, "capacity": "parent",
                                     "context": "work"})

    assert response.context["result"] is None
    assert "context" in response.context["form"].errors
    assert not CheckRecord.objects.exists()


def test_a_teacher_without_children_is_not_asked_and_is_checked_as_staff(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.teacher.user)
    assert 'name="capacity"' not in client.get(URL).content.decode()

    response = post_check(client, capacity="parent", **CONTACT_WITH_A_FORMER_STUDENT)

    assert _result(response).verdict == "forbidden"
    assert CheckRecord.objects.get().situation["actor"] == {"role": "staff"}
