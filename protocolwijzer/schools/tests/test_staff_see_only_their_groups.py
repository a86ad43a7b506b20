"""Least privilege per group: a mentor or medewerker sees the students of the groups they
are linked to (the group they mentor, the groups they teach), or of every group when the
school management granted "all groups". Another school's group is 404 (its existence is
not revealed); a group of their own school that they are not linked to is 403.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.api.actions import do_create_token
from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.tests.test_checker_uses_the_register import tagged_post
from protocolwijzer.schools.actions import (
    ALL_GROUPS_GRANTED,
    ALL_GROUPS_WITHDRAWN,
    GROUPS_LINKED,
)
from protocolwijzer.schools.tests.personas import Personas, sign_in

GROUP_PAGES = ("schools:group", "consent:group_list", "consent:group_list_csv",
               "consent:group_list_pdf", "consent:group_list_xlsx")


@pytest.fixture
def p(personas: Personas) -> Personas:
    do_set_up_consent(personas.school)
    return personas


def _api(personas: Personas, name: str) -> Client:
    # Both scopes: these tests are about groups; scopes are tested in the api app.
    _token, raw = do_create_token(name="test", user=personas.user(name),
                                  scopes=["read", "check"])
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.mark.parametrize("page", GROUP_PAGES)
def test_mentor_of_1a_is_refused_every_page_and_export_of_1b(client, p, page):
    sign_in(client, p.mentor.user)

    assert client.get(reverse(page, args=[p.group_1a.pk])).status_code == 200
    assert client.get(reverse(page, args=[p.group_1b.pk])).status_code == 403
    assert client.get(reverse(page, args=[p.other_group.pk])).status_code == 404


@pytest.mark.parametrize("page", GROUP_PAGES)
def test_a_teacher_sees_the_group_they_teach_only(client, p, page):
    sign_in(client, p.teacher.user)

    assert client.get(reverse(page, args=[p.group_1a.pk])).status_code == 200
    assert client.get(reverse(page, args=[p.group_1b.pk])).status_code == 403


def test_mentor_of_1a_cannot_read_1b_or_its_students_through_the_api(p):
    api = _api(p, "mentor")

    assert api.get(f"/api/v1/groups/{p.group_1a.pk}").status_code == 200
    assert api.get(f"/api/v1/groups/{p.group_1b.pk}").status_code == 403
    assert api.get(f"/api/v1/people/{p.student_1b.pk}").status_code == 403
    groups = {g["id"] for g in api.get("/api/v1/groups").json()["items"]}
    people = {x["id"] for x in api.get("/api/v1/people", {"limit": 200}).json()["items"]}
    assert groups == {p.group_1a.pk}
    assert p.student.pk in people and p.student_1b.pk not in people
    assert p.parent.pk in people and p.parent_1b.pk not in people


def test_staff_still_see_their_colleagues(client, p):
    sign_in(client, p.mentor.user)

    assert client.get(reverse("schools:person", args=[p.colleague.pk])).status_code == 200
    assert client.get(reverse("schools:person", args=[p.schoolleider.pk])).status_code == 200


def test_my_school_lists_only_the_linked_groups(client, p):
    sign_in(client, p.mentor.user)

    page = client.get(reverse("schools:my_school")).content.decode()

    assert reverse("schools:group", args=[p.group_1a.pk]) in page
    assert reverse("schools:group", args=[p.group_1b.pk]) not in page


def test_school_management_and_communications_see_every_group(client, p):
    for name in ("schoolleider", "communicatie", "beheerder"):
        sign_in(client, p.user(name))
        assert client.get(reverse("consent:group_list_csv",
                                  args=[p.group_1b.pk])).status_code == 200


def _grant(client: Client, p: Personas, granted: bool) -> None:
    sign_in(client, p.schoolleider.user)
    data = {"sees_all_groups": "on"} if granted else {}
    response = client.post(reverse("schools:person_all_groups", args=[p.mentor.pk]), data)
    assert response.status_code == 302


def test_the_all_groups_grant_opens_1b_and_is_audited(client, p):
    _grant(client, p, True)
    granted = AuditEvent.objects.get(action=ALL_GROUPS_GRANTED)
    assert granted.actor == p.schoolleider.user
    assert granted.object_id == str(p.mentor.pk)

    mentor = Client()
    sign_in(mentor, p.mentor.user)
    for page in GROUP_PAGES:
        assert mentor.get(reverse(page, args=[p.group_1b.pk])).status_code == 200, page
    assert _api(p, "mentor").get(f"/api/v1/groups/{p.group_1b.pk}").status_code == 200
    # The grant shows students, not the families of every group.
    assert mentor.get(reverse("schools:person", args=[p.parent_1b.pk])).status_code == 403

    _grant(client, p, False)
    assert AuditEvent.objects.filter(action=ALL_GROUPS_WITHDRAWN).count() == 1
    mentor = Client()
    sign_in(mentor, p.mentor.user)
    assert mentor.get(reverse("schools:group", args=[p.group_1b.pk])).status_code == 403


def test_the_grant_is_visible_on_the_person_page_and_the_group_page(client, p):
    _grant(client, p, True)

    person_page = client.get(reverse("schools:person", args=[p.mentor.pk])).content.decode()
    group_page = client.get(reverse("schools:group", args=[p.group_1b.pk])).content.decode()

    assert "alle groepen (toegekend door de schoolleiding)" in person_page
    assert p.mentor.full_name in group_page


def test_school_management_links_a_teacher_to_a_group_and_it_is_audited(client, p):
    sign_in(client, p.schoolleider.user)

    response = client.post(reverse("schools:person_groups", args=[p.teacher.pk]),
                           {"teaches": [p.group_1a.pk, p.group_1b.pk]})

    assert response.status_code == 302
    assert set(p.teacher.teaches.all()) == {p.group_1a, p.group_1b}
    event = AuditEvent.objects.get(action=GROUPS_LINKED)
    assert event.detail == {"added": [p.group_1b.pk], "removed": []}
    teacher = Client()
    sign_in(teacher, p.teacher.user)
    assert teacher.get(reverse("schools:group", args=[p.group_1b.pk])).status_code == 200


def test_a_group_of_another_school_cannot_be_linked(client, p):
    sign_in(client, p.schoolleider.user)

    client.post(reverse("schools:person_groups", args=[p.teacher.pk]),
                {"teaches": [p.other_group.pk]})

    assert list(p.teacher.teaches.all()) == [p.group_1a]


@pytest.mark.parametrize("name", ["mentor", "teacher", "communicatie"])
def test_only_school_management_links_groups_or_grants_all_groups(client, p, name):
    sign_in(client, p.user(name))

    linked = client.post(reverse("schools:person_groups", args=[p.teacher.pk]),
                         {"teaches": [p.group_1b.pk]})
    granted = client.post(reverse("schools:person_all_groups", args=[p.teacher.pk]),
                          {"sees_all_groups": "on"})

    assert linked.status_code == granted.status_code == 403
    p.teacher.refresh_from_db()
    assert not p.teacher.sees_all_groups and list(p.teacher.teaches.all()) == [p.group_1a]


def test_the_checker_tags_only_students_of_linked_groups(p):
    api = _api(p, "mentor")

    own = api.post("/api/v1/checks", tagged_post("school_website", p.student.pk),
                   content_type="application/json")
    other = api.post("/api/v1/checks", tagged_post("school_website", p.student_1b.pk),
                     content_type="application/json")

    assert own.status_code == 200
    assert other.status_code == 422
    assert "post.media[0].people[0].id" in other.content.decode()
