"""The one way pages load audit events."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.schools.access import people_of, require_right
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Right

MAX_NAME_MATCHES = 50


def events_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AuditEvent]:
    """The events of the schools this user acts for, newest first; 403 without the right.

    Events without a school (an operator's sign-in, attempts on unknown addresses) are only
    in the operators' admin.
    """
    membership = require_right(user, Right.VIEW_AUDIT_LOG)
    return (AuditEvent.objects.filter(school_id__in=membership.school_ids)
            .select_related("school").order_by("-created_at", "-pk"))


def people_named(user: AbstractBaseUser | AnonymousUser, text: str) -> list[Person]:
    """The people this user may see whose name holds every word of ``text`` (first name,
    tussenvoegsel or surname), at most MAX_NAME_MATCHES: the log's filter per person
    never finds someone the reader could not find on the people pages."""
    people = people_of(user)
    for word in text.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                               | Q(tussenvoegsel__icontains=word))
    return list(people.order_by("last_name", "first_name")[:MAX_NAME_MATCHES])


def filter_events(events: QuerySet[AuditEvent], *, codes: Collection[str] | None = None,
                  people: Collection[Person] | None = None,
                  start: datetime.date | None = None,
                  end: datetime.date | None = None) -> QuerySet[AuditEvent]:
    """``events`` narrowed to these kinds, to the events about these people, and to the
    local days from ``start`` up to and including ``end``. None leaves a filter out."""
    if codes is not None:
        events = events.filter(action__in=list(codes))
    if people is not None:
        events = events.about([person.pk for person in people])
    if start is not None:
        events = events.filter(created_at__gte=_start_of(start))
    if end is not None:
        events = events.filter(created_at__lt=_start_of(end + datetime.timedelta(days=1)))
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
