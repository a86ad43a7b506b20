"""The lists teachers need (Willibrord A.10's "actuele lijst"): per group, who may appear
for which purpose, today."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from protocolwijzer.consent.models import ConsentSettings, Decision, Purpose
from protocolwijzer.consent.register import Status, sixteenth_birthday, status
from protocolwijzer.schools.models import Person

TURNING_16_WITHIN = datetime.timedelta(days=60)


@dataclass(frozen=True)
class Row:
    student: Person
    statuses: list[Status]  # in the order of the list's purposes
    turns_16_on: datetime.date | None  # within the coming two months
    needs_own_choice: bool  # 16 or older, not yet asked themselves


@dataclass(frozen=True)
class ClassList:
    purposes: list[Purpose]
    rows: list[Row]


def class_list(students: QuerySet[Person], day: datetime.date) -> ClassList:
    """Every student of ``students`` against every active purpose of their school; two
    queries for decisions and purposes, however long the list."""
    students_list = list(students.order_by("last_name", "first_name"))
    school_ids = {s.school_id for s in students_list}
    purposes = list(Purpose.objects.filter(school_id__in=school_ids, is_active=True)
                    .order_by("order", "name"))
    rules = {cs.school_id: cs.disagreement
             for cs in ConsentSettings.objects.filter(school_id__in=school_ids)}
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for decision in Decision.objects.filter(student__in=students_list):
        decisions[decision.student_id].append(decision)
    rows = []
    for student in students_list:
        rule = rules.get(student.school_id, ConsentSettings.Disagreement.REFUSAL_WINS)
        own_purposes = [p for p in purposes if p.school_id == student.school_id]
        statuses = [status(student, p, day, decisions[student.pk], rule)
                    for p in own_purposes]
        birthday = sixteenth_birthday(student)
        soon = birthday if birthday and day <= birthday <= day + TURNING_16_WITHIN else None
        rows.append(Row(student, statuses, soon,
                        any(s.needs_student_choice for s in statuses)))
    return ClassList(purposes, rows)
