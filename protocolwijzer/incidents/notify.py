"""E-mails about cases, through the notifications app (``do_notify``: the task queue, the
recipient's choice of each time or a weekly summary).

A mail says what happened with a case's number and a report's reference, never a name or
what the report says: a mail lives on in mailboxes and phones, outside the access rules.
It links to the case, where access is checked again.

- a new report: to its handler (and the aanspreekpunt, for a report addressed to them);
- triage overdue: to the handler, once per case (``do_remind_overdue_triage``, the daily
  ``remind_incidents`` job);
- a duty open: to the handler and the school's management when triage adds it, and once
  more when it is still open a week later (the same daily job).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record
from protocolwijzer.incidents.models import Case, Duty, IncidentSettings
from protocolwijzer.notifications.actions import accounts_with_role, do_notify
from protocolwijzer.notifications.mails import OtherKinds, register_kinds
from protocolwijzer.notifications.models import Notice
from protocolwijzer.schools.models import Person

NEW_REPORT = "incident_new_report"
TRIAGE_OVERDUE = "incident_triage_overdue"
DUTY_OPEN = "incident_duty_open"
KINDS = frozenset({NEW_REPORT, TRIAGE_OVERDUE, DUTY_OPEN})
# A duty still open this long after triage added it is mentioned once more.
DUTY_REMINDER_AFTER = datetime.timedelta(days=7)


def _accounts(people: Iterable[Person | None]) -> list[User]:
    ids = {p.user_id for p in people if p is not None and p.user_id is not None}
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def do_notify_new_report(case: Case) -> None:
    recipients: list[Person | None] = [case.handler]
    if case.reports.filter(to_aanspreekpunt=True).exists():
        recipients.append(IncidentSettings.for_school(case.school_id).aanspreekpunt)
    accounts = _accounts(recipients) or accounts_with_role(case.school_id,
                                                           [Person.Role.SCHOOLLEIDING])
    do_notify(accounts, NEW_REPORT, case.school_id, {"case": case.pk})


def do_notify_duties_open(case: Case, duties: Sequence[Duty]) -> None:
    accounts = {u.pk: u for u in _accounts([case.handler])}
    accounts.update({u.pk: u for u in accounts_with_role(case.school_id,
                                                         [Person.Role.SCHOOLLEIDING])})
    do_notify(accounts.values(), DUTY_OPEN, case.school_id,
              {"case": case.pk, "duties": [d.kind for d in duties]})


@transaction.atomic
def do_remind_overdue_triage(today: datetime.date) -> int:
    """Tells the handler of each case whose triage term passed (once per case); returns
    how many cases were overdue."""
    overdue = list(Case.objects.select_for_update(of=("self",)).filter(
        status__in=[Case.Status.NEW, Case.Status.TRIAGE], triage_due__lt=today,
        triage_reminded_at=None).select_related("handler"))
    now = timezone.now()
    for case in overdue:
        accounts = _accounts([case.handler]) or accounts_with_role(
            case.school_id, [Person.Role.SCHOOLLEIDING])
        do_notify(accounts, TRIAGE_OVERDUE, case.school_id,
                  {"case": case.pk, "due": case.triage_due.isoformat()})
        case.triage_reminded_at = now
        case.save(update_fields=["triage_reminded_at"])
        do_record("case_triage_overdue", school=case.school_id, target=case,
                  detail={"case": case.pk})
    return len(overdue)


@transaction.atomic
def do_remind_open_duties(now: datetime.datetime) -> int:
    """Mentions once more each duty still open a week after it was added."""
    duties = list(Duty.objects.select_for_update(of=("self",)).filter(
        status=Duty.Status.OPEN, reminded_at=None,
        created_at__lt=now - DUTY_REMINDER_AFTER).select_related("case", "case__handler"))
    for duty in duties:
        do_notify_duties_open(duty.case, [duty])
        duty.reminded_at = now
        duty.save(update_fields=["reminded_at"])
    return len(duties)


# -- the words of the mails ------------------------------------------------------------

def _case_link(case_id: int) -> str:
    return settings.SITE_URL + reverse("incidents:case", args=[case_id])


def _lines(notices: Sequence[Notice]) -> list[str]:
    lines: list[str] = []
    for notice in notices:
        case_id = int(notice.data.get("case", 0))
        if notice.kind == NEW_REPORT:
            lines.append(_("A new report at your school was put in your hands: case "
                           "%(case)s. See it, and triage it: %(link)s")
                         % {"case": case_id, "link": _case_link(case_id)})
        elif notice.kind == TRIAGE_OVERDUE:
            lines.append(_("Case %(case)s has not been triaged yet, and its term has "
                           "passed. See it: %(link)s")
                         % {"case": case_id, "link": _case_link(case_id)})
        elif notice.kind == DUTY_OPEN:
            names = [str(Duty.Kind(kind).label) for kind in notice.data.get("duties", [])
                     if kind in Duty.Kind.values]
            lines.append(ngettext(
                "Case %(case)s has a duty to do: %(duties)s. See it: %(link)s",
                "Case %(case)s has duties to do: %(duties)s. See it: %(link)s",
                len(names)) % {"case": case_id, "duties": "; ".join(names),
                               "link": _case_link(case_id)})
    return lines


def _subject() -> str:
    return _("Protocolwijzer: a report or case needs you")


register_kinds(OtherKinds(KINDS, _subject, _lines))
