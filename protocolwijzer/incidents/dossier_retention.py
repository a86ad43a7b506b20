"""Retention of dossier entries (issue 15): they go ``IncidentSettings.retention_years``
after the person left (docs/interpretations.md). ``manage purge_dossiers`` runs it daily;
each school where something went gets one audit event with the counts.

The consent purge deletes leavers after its own, usually shorter, term; an entry is
deleted with its person, so that purge asks ``leavers_kept_for_dossiers`` whom to keep
until this purge has removed their entries."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.retention import months_before
from protocolwijzer.incidents.models import (
    DEFAULT_RETENTION_YEARS,
    DossierEntry,
    IncidentSettings,
)
from protocolwijzer.schools.models import Person, School

R = Person.Role


@dataclass(frozen=True)
class DossierPurgeCount:
    school: School
    retention_years: int
    left_before: datetime.date  # people who left before this day
    entries: int
    people: int
    no_leaving_date: int  # inactive people with entries but no leaving date: kept


def left_on(person: Person) -> datetime.date | None:
    """When ``person`` left the school: their own leaving date once inactive; for a
    parent, when the last of their children left (a parent stays "at school" while a
    child is; docs/interpretations.md). None while they are still at school."""
    if person.role == R.OUDER and person.left_on is None:
        children = list(person.children.all())
        if not children or any(c.is_active or c.left_on is None for c in children):
            return None
        return max(c.left_on for c in children if c.left_on is not None)
    if person.is_active:
        return None
    return person.left_on


def _within_retention(person: Person, years: dict[int, int], today: datetime.date) -> bool:
    """Whether ``person``'s dossier entries are still within their school's term."""
    left = left_on(person)
    cutoff = months_before(today, 12 * years.get(person.school_id, DEFAULT_RETENTION_YEARS))
    return left is None or left >= cutoff


def leavers_kept_for_dossiers(student_ids: Collection[int], today: datetime.date) -> set[int]:
    """Of the pupils the consent purge would delete, those it must keep because a dossier
    entry would go with them before its term: the pupil's own entries, or those of a
    parent who would be deleted with their children (a parent's term counts from the day
    their last child left, which only the children's records tell). Once
    ``do_purge_dossiers`` has removed those entries, a later consent purge deletes them."""
    leaving = set(student_ids)
    if not leaving:
        return set()
    years = dict(IncidentSettings.objects.values_list("school_id", "retention_years"))
    with_entries = Person.objects.filter(dossier_entries__isnull=False).distinct()
    kept = {pupil.pk for pupil in with_entries.filter(pk__in=leaving)
            if _within_retention(pupil, years, today)}
    parents = with_entries.filter(role=R.OUDER, children__in=leaving).prefetch_related(
        "children")
    for parent in parents:
        children = {child.pk for child in parent.children.all()}
        if children <= leaving and _within_retention(parent, years, today):
            kept |= children
    return kept


def _purge_plan(school: School, years: int, today: datetime.date,
                ) -> tuple[DossierPurgeCount, list[int]]:
    cutoff = months_before(today, 12 * years)
    people = (Person.objects.filter(school=school, dossier_entries__isnull=False).distinct()
              .prefetch_related("children"))
    going: list[int] = []
    no_date = 0
    for person in people:
        left = left_on(person)
        if left is None:
            no_date += person.role != R.OUDER and not person.is_active
            continue
        if left < cutoff:
            going.append(person.pk)
    entry_ids = list(DossierEntry.objects.filter(school=school, person_id__in=going)
                     .values_list("pk", flat=True))
    return (DossierPurgeCount(school, years, cutoff, len(entry_ids), len(going), no_date),
            entry_ids)


def _plans(today: datetime.date) -> list[tuple[DossierPurgeCount, list[int]]]:
    years = dict(IncidentSettings.objects.values_list("school_id", "retention_years"))
    return [_purge_plan(school, years.get(school.pk, DEFAULT_RETENTION_YEARS), today)
            for school in School.objects.order_by("name")]


def dossier_purge_counts(now: datetime.datetime | None = None) -> list[DossierPurgeCount]:
    """What a purge at ``now`` would remove, per school (nothing is changed)."""
    return [count for count, _ids in _plans(timezone.localdate(now))]


def do_purge_dossiers(now: datetime.datetime | None = None) -> list[DossierPurgeCount]:
    """Removes the dossier entries of people who left their school longer ago than its
    ``retention_years``; one transaction and one audit event (counts only) per school
    where something went. The case itself (its measures and history) is not a dossier
    and is not touched here."""
    plans = _plans(timezone.localdate(now))
    for count, entry_ids in plans:
        if not entry_ids:
            continue
        with transaction.atomic():
            DossierEntry.objects.filter(pk__in=entry_ids).delete()
            do_record("dossiers_purged", school=count.school, detail={
                "entries": count.entries, "people": count.people,
                "retention_years": count.retention_years,
                "left_before": count.left_before.isoformat()})
    return [count for count, _ids in plans]
