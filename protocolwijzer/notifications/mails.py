"""The words of a notification mail, in the school's language (Dutch).

A mail says what happened in counts and names of groups and purposes, never a child's
name, and links to the page where the signed-in reader sees the rest: a mail lives on in
mailboxes and phones, outside the school's access rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from protocolwijzer.accounts.models import User
from protocolwijzer.consent.models import Purpose
from protocolwijzer.notifications.models import Notice
from protocolwijzer.schools.models import Group


@dataclass(frozen=True)
class OtherKinds:
    """The words of another app's kinds of notice (incidents/notify.py registers its own):
    the subject of a mail with only these kinds, and the paragraphs for them."""

    kinds: frozenset[str]
    subject: Callable[[], str]
    lines: Callable[[Sequence[Notice]], list[str]]


OTHER_KINDS: list[OtherKinds] = []


def register_kinds(kinds: OtherKinds) -> None:
    if kinds not in OTHER_KINDS:
        OTHER_KINDS.append(kinds)


def _link(name: str, *args: int) -> str:
    # The configured address, never a request's Host header (see accounts/tasks.py).
    return settings.SITE_URL + reverse(name, args=args)


def _date(value: object) -> str:
    day = parse_date(str(value)) if value else None
    return formats.date_format(day, "l j F Y") if day else ""


def _takedown_lines(notices: Sequence[Notice]) -> list[str]:
    lines = []
    created = [n for n in notices if n.kind == Notice.Kind.TAKEDOWN_TASKS_CREATED]
    if created:
        count = sum(int(n.data.get("tasks", 0)) for n in created)
        first_due = min((str(n.data["due"]) for n in created if n.data.get("due")),
                        default="")
        lines.append(ngettext(
            "%(count)s new take-down task: a student may no longer be shown in something "
            "the school published. Take it down by %(date)s at the latest.",
            "%(count)s new take-down tasks: students may no longer be shown in things the "
            "school published. The first is due on %(date)s.",
            count) % {"count": count, "date": _date(first_due)})
    overdue = [n for n in notices if n.kind == Notice.Kind.TAKEDOWN_TASKS_OVERDUE]
    if overdue:
        # The latest count: tasks done since an earlier reminder are not overdue any more.
        count = int(overdue[-1].data.get("tasks", 0))
        lines.append(ngettext(
            "%(count)s take-down task is past its due date. The school promised parents "
            "to take it down in time.",
            "%(count)s take-down tasks are past their due date. The school promised "
            "parents to take them down in time.",
            count) % {"count": count})
    if lines:
        lines.append(_("See the take-down tasks: %(link)s") % {
            "link": _link("publications:tasks")})
    return lines


def _decision_lines(notices: Sequence[Notice]) -> list[str]:
    changed = [n for n in notices if n.kind == Notice.Kind.DECISION_CHANGED]
    per_group: dict[int, list[Notice]] = defaultdict(list)
    for notice in changed:
        per_group[int(notice.data.get("group", 0))].append(notice)
    groups = {g.pk: g for g in Group.objects.filter(pk__in=per_group)}
    purposes = {p.pk: p for p in Purpose.objects.filter(
        pk__in={int(n.data.get("purpose", 0)) for n in changed})}
    lines = []
    for group_id, group_notices in sorted(per_group.items()):
        group = groups.get(group_id)
        if group is None:
            continue  # the group is gone since; its list with it
        names = sorted({purposes[pid].name for n in group_notices
                        if (pid := int(n.data.get("purpose", 0))) in purposes})
        lines.append(ngettext(
            "In %(group)s a decision about photos and videos changed (%(purposes)s).",
            "In %(group)s %(count)s decisions about photos and videos changed "
            "(%(purposes)s).", len(group_notices)) % {
            "group": group.name, "count": len(group_notices), "purposes": ", ".join(names)})
        lines.append(_("See who may not be in photos: %(link)s") % {
            "link": _link("consent:trip_list", group.pk)})
    return lines


def compose(user: User, notices: Sequence[Notice], *, digest: bool) -> tuple[str, str]:
    """The subject and body of one mail with ``notices`` (oldest first)."""
    with translation.override(settings.LANGUAGE_CODE):
        kinds = {n.kind for n in notices}
        other = next((o for o in OTHER_KINDS if kinds <= o.kinds), None)
        if digest:
            subject = _("Protocolwijzer: your summary of the week")
        elif other is not None:
            subject = other.subject()
        elif kinds <= {Notice.Kind.TAKEDOWN_TASKS_CREATED, Notice.Kind.TAKEDOWN_TASKS_OVERDUE}:
            subject = (_("Protocolwijzer: take-down tasks past their due date")
                       if kinds == {Notice.Kind.TAKEDOWN_TASKS_OVERDUE}
                       else _("Protocolwijzer: new take-down tasks"))
        else:
            subject = _("Protocolwijzer: a decision about photos changed in your group")
        paragraphs = [_("Hello %(name)s,") % {"name": user.name or user.email}]
        if digest:
            paragraphs.append(_("This is what changed since your last summary."))
        paragraphs += _takedown_lines(notices) + _decision_lines(notices)
        for other_kinds in OTHER_KINDS:
            paragraphs += other_kinds.lines([n for n in notices
                                             if n.kind in other_kinds.kinds])
        paragraphs.append(_(
            "You receive this e-mail because of your role at school. Choose between an "
            "e-mail each time and one summary a week: %(link)s") % {
            "link": _link("notifications:preferences")})
        return subject, "\n\n".join(paragraphs) + "\n"
