"""Audit events as sentences for one reader (the table of sentences is ``events.py``).

Everything one page of the log refers to (people, accounts, groups, purposes) is loaded
at once. A person is named only when the reader may see them (``people_visible_to``, the
same rule as every other page); anyone else is named by their role ("een leerling"). In
a sentence a person is short ("Sem B."), a parent is named by their child ("ouder van Sem
B."), as the people who read the log speak of them; the full names of the people an event
is about, where the reader may see them, follow below the sentence, each a link to the
log filtered on that person. Dates and times are local (Europe/Amsterdam) and written
the way the reader's language writes them ("7 december 2026").
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.events import EventKind, kind_of
from protocolwijzer.audit.models import _DETAIL_LABELS, _DETAIL_VALUES, _OBJECT_KINDS, AuditEvent
from protocolwijzer.schools.models import Group, Person
from protocolwijzer.schools.policy import BEHEERDER, Membership, people_visible_to

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

ROLE_WORDS = {
    Person.Role.LEERLING: gettext_lazy("a student"),
    Person.Role.OUDER: gettext_lazy("a parent"),
    Person.Role.MEDEWERKER: gettext_lazy("a staff member"),
    Person.Role.MENTOR: gettext_lazy("a mentor"),
    Person.Role.SCHOOLLEIDING: gettext_lazy("a member of the school management"),
    Person.Role.COMMUNICATIE: gettext_lazy("a member of the communications team"),
    Person.Role.MR_LID: gettext_lazy("a member of the MR"),
    BEHEERDER: gettext_lazy("a beheerder"),
    "operator": gettext_lazy("an operator"),
}
ROLE_NAMES = {**dict(Person.Role.choices), BEHEERDER: gettext_lazy("beheerder"),
              "operator": gettext_lazy("operator")}

# How the parts of an event's detail that the sentence does not use are labelled: the
# audit app's own labels (models.py, where other apps add theirs), worded for a line.
DETAIL_LABELS = {**_DETAIL_LABELS, **{
    "outcome": gettext_lazy("answer"), "count": gettext_lazy("number of people"),
    "students": gettext_lazy("students"), "decisions": gettext_lazy("decisions"),
    "guardians": gettext_lazy("parents"), "accounts": gettext_lazy("accounts"),
    "retention_months": gettext_lazy("retention period in months"),
    "left_before": gettext_lazy("left before"), "purpose": gettext_lazy("purpose"),
    "decided_by": gettext_lazy("on behalf of"), "form_dated": gettext_lazy("date on the form"),
    "reason": gettext_lazy("reason"), "role": gettext_lazy("role"),
    "locked_out": gettext_lazy("locked out"),
    "limit_reached": gettext_lazy("more refusals this minute are not logged"),
    "api_token_name": gettext_lazy("API key"), "added": gettext_lazy("added"),
    "removed": gettext_lazy("removed"), "group": gettext_lazy("group"),
    "email": gettext_lazy("e-mail address"), "articles": gettext_lazy("articles"),
    "protocol": gettext_lazy("protocol"), "version": gettext_lazy("version"),
    "format": gettext_lazy("file type"), "rows": gettext_lazy("rows"),
    "new_students": gettext_lazy("new students"),
    "returning_students": gettext_lazy("returning students"),
    "changed_students": gettext_lazy("changed students"),
    "unchanged_students": gettext_lazy("unchanged students"),
    "leavers": gettext_lazy("leavers"), "new_groups": gettext_lazy("new groups"),
    "new_guardians": gettext_lazy("new parents"),
    "changed_guardians": gettext_lazy("changed parents"),
    "new_links": gettext_lazy("new links between parent and child"),
    "merged_students": gettext_lazy("merged with a student already there"),
    "possible_duplicates": gettext_lazy("possibly already there"),
    "scan": gettext_lazy("scan"),
    # The publication log (publications/audit_events.py).
    "channel": gettext_lazy("where"), "in_time": gettext_lazy("in time"),
    "due": gettext_lazy("due on"), "tasks": gettext_lazy("take-down tasks"),
    "publications": gettext_lazy("publications"), "open": gettext_lazy("to do"),
    "from_working_days": gettext_lazy("working days before"),
    "from_retention_months": gettext_lazy("retention period in months before"),
}}
# Detail keys that are plumbing, or already said by the sentence's choice of words.
HIDDEN_DETAIL = frozenset({"link", "route", "method", "page", "api_token", "id", "kind",
                           "via", "how", "choice", "withdrawn", "during", "filters",
                           "paper_form",
                           # ids and choices of the publication log, said by its sentences
                           "task", "publication", "check", "reason", "done_as",
                           "frequency"})
# Bools and the codes that a detail may hold (never a number: 1 == True in a dict).
DETAIL_VALUES: dict[object, Any] = {
    **_DETAIL_VALUES, True: gettext_lazy("yes"), False: gettext_lazy("no"),
    "given": gettext_lazy("yes"), "refused": gettext_lazy("no"),
    "signed_in": gettext_lazy("signed in with another account"),
}
OUTCOME_WORDS = {403: gettext_lazy("no right"),
                 404: gettext_lazy("not found or of another school")}
HOW_WORDS = {"paper_form": gettext_lazy("paper form"),
             "guardian_page": gettext_lazy("parent's page"),
             "student": gettext_lazy("by the student")}
OBJECT_WORDS = {"group": gettext_lazy("a group"), "person": gettext_lazy("a person"),
                "school": gettext_lazy("a school")}


@dataclass(frozen=True)
class Mention:
    """A person an event is about whom the reader may see: a link to the filtered log."""

    person_id: int
    name: str


@dataclass(frozen=True)
class Line:
    event: AuditEvent
    at: datetime.datetime  # local time
    sentence: str
    details: list[tuple[str, str]]
    mentions: list[Mention]


@dataclass(frozen=True)
class Day:
    date: datetime.date
    lines: list[Line]


def short_name(person: Person) -> str:
    """"Sem B.": the first name and the surname's initial (without the tussenvoegsel)."""
    initial = person.last_name[:1].upper()
    return f"{person.first_name} {initial}." if initial else person.first_name


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


class Reader:
    """What one page of events names, loaded at once, as ``membership`` may see it."""

    def __init__(self, membership: Membership, events: Sequence[AuditEvent]) -> None:
        self.membership = membership
        person_ids: set[int] = set()
        user_ids: set[int] = set()
        group_ids: set[int] = set()
        purposes: set[tuple[int | None, str]] = set()
        for event in events:
            if event.actor_id is not None:
                user_ids.add(event.actor_id)
            if event.reduced:
                continue
            kind = kind_of(event.action)
            object_id = _as_int(event.object_id)
            if object_id is not None and event.object_type == "schools.person":
                person_ids.add(object_id)
            if object_id is not None and event.object_type == "schools.group":
                group_ids.add(object_id)
            detail = event.detail or {}
            refused_id = _as_int(detail.get("id"))
            if refused_id is not None and detail.get("kind") == "person":
                person_ids.add(refused_id)
            if refused_id is not None and detail.get("kind") == "group":
                group_ids.add(refused_id)
            for key, value in detail.items():
                kind_type = kind.type_of(key)
                if kind_type == "person" and _as_int(value) is not None:
                    person_ids.add(int(value))
                elif kind_type == "group" and _as_int(value) is not None:
                    group_ids.add(int(value))
                elif kind_type == "groups" and isinstance(value, list):
                    group_ids.update(i for v in value if (i := _as_int(v)) is not None)
                elif kind_type == "purpose" and isinstance(value, str):
                    purposes.add((event.school_id, value))
        schools = membership.school_ids
        people = (Person.objects.filter(Q(pk__in=person_ids) | Q(user_id__in=user_ids),
                                        school_id__in=schools)
                  .prefetch_related("children"))
        self.people = {p.pk: p for p in people}
        self.by_user = {p.user_id: p for p in self.people.values() if p.user_id is not None}
        wanted = set(self.people) | {c.pk for p in self.people.values()
                                     for c in p.children.all()}
        self.visible = set(people_visible_to(membership).filter(pk__in=wanted)
                           .values_list("pk", flat=True))
        self.users = {u.pk: u for u in User.objects.filter(
            pk__in=user_ids - set(self.by_user)).only("pk", "name", "email")}
        self.groups = dict(Group.objects.filter(pk__in=group_ids, school_id__in=schools)
                           .values_list("pk", "name"))
        from protocolwijzer.consent.models import Purpose

        codes = {code for _school, code in purposes}
        self.purposes = {(p.school_id, p.code): p.name for p in Purpose.objects.filter(
            school_id__in=schools, code__in=codes)}

    # --- people ---------------------------------------------------------------------------

    def person(self, person_id: int | None, child: Person | None = None) -> str:
        """A person in a sentence: short where the reader may see them, else their role;
        a parent by their child ("ouder van Sem B."), the child of the event when known."""
        person = self.people.get(person_id) if person_id is not None else None
        if person is None:
            return _("someone who is no longer in Protocolwijzer")
        if person.role == Person.Role.OUDER:
            children = [c for c in person.children.all() if c.pk in self.visible]
            if child is not None and child.pk in self.visible and child in children:
                children = [child]
            if children:
                names = get_text_list([short_name(c) for c in children], _("and"))
                return _("parent of %(children)s") % {"children": names}
        if person.pk in self.visible:
            return short_name(person)
        return str(ROLE_WORDS.get(person.role, _("someone")))

    def actor(self, event: AuditEvent) -> str:
        if event.actor_id is not None:
            person = self.by_user.get(event.actor_id)
            if person is not None:
                return self.person(person.pk)
            user = self.users.get(event.actor_id)
            if user is not None and user.name:
                role = ROLE_NAMES.get(event.actor_role)
                name = user.name
                return (_("%(role)s %(name)s") % {"role": role, "name": name} if role
                        else name)
        if event.actor_email:
            return event.actor_email
        if event.actor_pseudonym:
            return str(ROLE_WORDS.get(event.actor_role)
                       or _("an account that no longer exists"))
        return "Protocolwijzer"

    def mention(self, person_id: int | None) -> Mention | None:
        if person_id is None or person_id not in self.visible:
            return None
        return Mention(person_id, self.people[person_id].full_name)

    # --- values ---------------------------------------------------------------------------

    def value(self, event: AuditEvent, kind: EventKind, key: str, value: Any,
              child: Person | None) -> str:
        kind_type = kind.type_of(key)
        if kind_type == "person":
            return self.person(_as_int(value), child)
        if kind_type == "purpose":
            return self.purposes.get((event.school_id, str(value)), str(value))
        if kind_type == "date":
            try:
                day = datetime.date.fromisoformat(str(value))
            except ValueError:
                return str(value)
            return formats.date_format(day, "j F Y")
        if kind_type == "group":
            return self.groups.get(_as_int(value) or 0, _("a group"))
        if kind_type == "groups" and isinstance(value, list):
            names = [self.groups.get(_as_int(v) or 0, "?") for v in value]
            return ", ".join(names) if names else _("none")
        if kind_type == "role":
            return str(ROLE_NAMES.get(str(value), value))
        if kind_type == "verdict":
            from protocolwijzer.engine.explain import verdict_label

            try:
                return verdict_label(str(value)).lower()
            except KeyError:
                return str(value)
        if kind_type == "how":
            return str(HOW_WORDS.get(str(value), value))
        if kind_type == "channel":
            from protocolwijzer.publications.channels import channel_label

            return channel_label(str(value))
        if isinstance(value, bool):
            return str(DETAIL_VALUES[value])
        if key == "outcome" and value in OUTCOME_WORDS:
            return str(OUTCOME_WORDS[value])
        if isinstance(value, str) and value in DETAIL_VALUES:
            return str(DETAIL_VALUES[value])
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def refused_object(self, detail: dict[str, Any]) -> str:
        object_id = _as_int(detail.get("id"))
        kind = str(detail.get("kind") or "")
        if kind == "person" and object_id is not None and object_id in self.people:
            return self.person(object_id)
        if kind == "group" and object_id in self.groups:
            return _("group %(name)s") % {"name": self.groups[object_id or 0]}
        return str(OBJECT_WORDS.get(kind, _("a page")))

    # --- lines ----------------------------------------------------------------------------

    def line(self, event: AuditEvent) -> Line:
        at = timezone.localtime(event.created_at)
        kind = kind_of(event.action)
        if event.reduced:
            sentence = _("%(actor)s: %(what)s (the details were removed after the "
                         "retention period)") % {"actor": self.actor(event),
                                                 "what": kind.label}
            return Line(event, at, capfirst(sentence), [], [])
        detail = dict(event.detail or {})
        target_id = _as_int(event.object_id)
        target_person = (self.people.get(target_id)
                         if event.object_type == "schools.person" and target_id else None)
        has_target = bool(event.object_type and event.object_id)
        template = str(kind.sentence_for(detail, has_target))
        used = set(_PLACEHOLDER.findall(template))
        parts: dict[str, str] = _Parts()
        parts.update(actor=self.actor(event), email=event.actor_email or _("an unknown address"),
                     code=event.action, target=self.target(event, target_person),
                     object=self.refused_object(detail), action=str(kind.label))
        for key, value in detail.items():
            if key in used:
                parts[key] = self.value(event, kind, key, value, target_person)
        sentence = template % parts
        if not sentence.startswith(event.actor_email or "\0"):
            sentence = capfirst(sentence)  # an e-mail address keeps its own spelling
        details = [(str(DETAIL_LABELS.get(key, key)),
                    self.value(event, kind, key, value, target_person))
                   for key, value in sorted(detail.items(), key=lambda item: _rank(item[0]))
                   if key not in used and key not in HIDDEN_DETAIL
                   and not self._says_nothing(kind, key, value, target_person)]
        actor_person = self.by_user.get(event.actor_id) if event.actor_id else None
        if (actor_person is not None and event.actor_role in ROLE_NAMES
                and event.actor_role != actor_person.role):
            # Only when it differs from today's: a role taken away stays visible.
            details.append((_("role then"), str(ROLE_NAMES[event.actor_role])))
        if event.ip:
            details.append((_("IP address"), event.ip))
        mentioned = [target_person.pk] if target_person is not None else []
        mentioned += [int(v) for k, v in detail.items()
                      if kind.type_of(k) == "person" and _as_int(v) is not None]
        # Who the event is about; not who acted (the name search finds their events).
        mentions = [m for pid in dict.fromkeys(mentioned) if (m := self.mention(pid))]
        return Line(event, at, sentence, details, mentions)

    @staticmethod
    def _says_nothing(kind: EventKind, key: str, value: Any, target: Person | None) -> bool:
        """A detail that adds nothing to the line: a count of zero, or the person the
        sentence is already about (a student deciding for themselves)."""
        if isinstance(value, int) and not isinstance(value, bool) and value == 0:
            return True
        return (kind.type_of(key) == "person" and target is not None
                and _as_int(value) == target.pk)

    def target(self, event: AuditEvent, person: Person | None) -> str:
        if event.object_type == "schools.person":
            return self.person(_as_int(event.object_id))
        if event.object_type == "schools.group":
            name = self.groups.get(_as_int(event.object_id) or 0)
            return _("group %(name)s") % {"name": name} if name else _("a group")
        if event.object_type == "accounts.user":
            return self.actor_of_account(_as_int(event.object_id))
        kind = _OBJECT_KINDS.get(event.object_type)
        return str(kind) if kind else _("something")

    def actor_of_account(self, user_id: int | None) -> str:
        person = self.by_user.get(user_id) if user_id is not None else None
        return self.person(person.pk) if person is not None else _("an account")


class _Parts(dict):  # type: ignore[type-arg]
    """A sentence's placeholders; one the event cannot fill in reads as a question mark
    rather than breaking the page."""

    def __missing__(self, key: str) -> str:
        return "?"


_ORDER = {key: rank for rank, key in enumerate(DETAIL_LABELS)}


def _rank(key: str) -> tuple[int, str]:
    # In the order of DETAIL_LABELS, then by name: PostgreSQL's jsonb keeps no order.
    return (_ORDER.get(key, len(_ORDER)), key)


def lines_for(membership: Membership, events: Sequence[AuditEvent]) -> list[Line]:
    reader = Reader(membership, events)
    return [reader.line(event) for event in events]


def by_day(lines: Iterable[Line]) -> list[Day]:
    """Lines grouped per local day, in the order given (newest first)."""
    days: dict[datetime.date, list[Line]] = defaultdict(list)
    for line in lines:
        days[line.at.date()].append(line)
    return [Day(date, day_lines) for date, day_lines in days.items()]
