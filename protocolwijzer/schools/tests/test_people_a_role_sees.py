"""Edge cases of who sees whom, beside the matrix."""

from __future__ import annotations

import pytest

from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import membership_for, people_visible_to
from protocolwijzer.schools.tests.personas import make_personas


@pytest.mark.django_db
def test_a_mentor_without_a_group_sees_no_guardians_and_no_students():
    p = make_personas()
    ungrouped = Person.objects.create(school=p.school, first_name="Bo", last_name="Kok",
                                      role=Person.Role.LEERLING)
    guardian = Person.objects.create(school=p.school, first_name="Anja", last_name="Kok",
                                     role=Person.Role.OUDER)
    guardian.children.add(ungrouped)
    p.mentor.group = None
    p.mentor.save(update_fields=["group"])
    user = p.mentor.user
    user.refresh_from_db()

    visible = people_visible_to(membership_for(user))

    assert guardian not in visible and p.parent not in visible
    # Least privilege: a student without a group is in no teacher's class.
    assert ungrouped not in visible and p.student not in visible


@pytest.mark.django_db
def test_a_mentor_sees_the_guardians_of_their_own_group_only():
    p = make_personas()
    visible = people_visible_to(membership_for(p.mentor.user))
    assert p.parent in visible and p.classmate_parent in visible
    assert p.parent_1b not in visible
