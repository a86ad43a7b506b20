"""The door of the evaluation: a school the user acts for (404 for any other, never
revealing that it exists), then the right to see the MR's figures (403)."""

from __future__ import annotations

from protocolwijzer.schools.access import Actor, access_school, require_right
from protocolwijzer.schools.models import School
from protocolwijzer.schools.policy import Right


def access_school_evaluation(user: Actor, school_id: int) -> School:
    school = access_school(user, school_id)
    require_right(user, Right.VIEW_FIGURES)
    return school
