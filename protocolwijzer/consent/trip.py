""""Wie mag niet op de foto?" (issue 14): the short list a teacher reads on a phone before
taking a photo, for one group or for several groups on one outing, and one channel.

It is the class list (``lists.py``) read for one purpose: only the pupils who may *not* be
shown there today, each with their name, group and why, and a count of those who may. A
channel is a purpose of the school's register (the website, social media, the class app
...): consent is given per purpose, so that is what the list can answer for.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from protocolwijzer.consent.lists import class_list
from protocolwijzer.consent.models import Purpose
from protocolwijzer.consent.register import SOCIAL_MEDIA_PURPOSE, Status
from protocolwijzer.schools.models import Group, Person

# Why a pupil may not be shown, in words a teacher reads at a glance. They never say which
# guardian chose what: the class list's "parents disagree" is all staff see of that.
REASONS = {
    "own_no": _("said no themselves"),
    "parents_no": _("a parent said no"),
    "parents_disagree": _("the parents disagree"),
    "ask_student": _("16 or older: has not chosen yet"),
    "no_answer": _("no answer yet"),
}


def reason_for(status: Status) -> str:
    """The key of ``REASONS`` for a pupil who may not be shown."""
    if status.state == "refused":
        if status.source == "student":
            return "own_no"
        return "parents_disagree" if status.disagreement else "parents_no"
    if status.needs_student_choice:
        return "ask_student"
    return "no_answer"


@dataclass(frozen=True)
class NotShown:
    student: Person
    group: Group
    reason: str  # a key of REASONS

    @property
    def reason_text(self) -> str:
        return str(REASONS[self.reason])


@dataclass(frozen=True)
class TripList:
    groups: list[Group]
    purpose: Purpose
    not_shown: list[NotShown]
    may_count: int

    @property
    def total(self) -> int:
        return self.may_count + len(self.not_shown)


def channels_of(school_id: int) -> list[Purpose]:
    """The purposes a teacher can choose as the channel, in the register's order."""
    return list(Purpose.objects.filter(school_id=school_id, is_active=True)
                .order_by("order", "name"))


def choose_channel(channels: Sequence[Purpose], *wanted: str | None) -> Purpose | None:
    """The first of ``wanted`` codes the school has, else its social media (where the
    most is at stake), else its first purpose."""
    by_code = {p.code: p for p in channels}
    for code in (*wanted, SOCIAL_MEDIA_PURPOSE):
        if code and code in by_code:
            return by_code[code]
    return channels[0] if channels else None


def trip_list(students: QuerySet[Person], groups: list[Group], purpose: Purpose,
              day: datetime.date) -> TripList:
    """Who of ``students`` may not be shown for ``purpose`` on ``day``, by name."""
    result = class_list(students, day)
    if not result.rows:
        return TripList(groups, purpose, [], 0)
    column = [p.pk for p in result.purposes].index(purpose.pk)
    by_id = {g.pk: g for g in groups}
    not_shown = []
    may = 0
    for row in result.rows:
        status = row.statuses[column]
        if status.may_appear:
            may += 1
        else:
            group = by_id[row.student.group_id]  # type: ignore[index]
            not_shown.append(NotShown(row.student, group, reason_for(status)))
    not_shown.sort(key=lambda n: (n.student.first_name, n.student.last_name))
    return TripList(groups, purpose, not_shown, may)
