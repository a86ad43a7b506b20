"""The one way pages load cases, evidence and reports (see schools/access.py for the
contract). A case is about children and colleagues at their most vulnerable, so the door is
narrower than "same school": whoever may not handle it gets a 404, as if it did not exist,
and the refusal is audited (``case_refused``); every successful read is audited too.

Who may open a case:

- schoolleiding of the case's school (they also waive duties, choose the handler and set
  the school's incident settings);
- the case's handler (a mentor, the aanspreekpunt, a staff member schoolleiding chose);
- the school's aanspreekpunt pesten, for a case that came from an anonymous report (or one
  addressed to them): that is who an anonymous pupil turns to;
- a person the handler shared the case with (``CasePerson.shared``): they read the case,
  but do not act on it and do not see the evidence.

The board's beheerder does not see cases: a beheerder manages schools, not pupils' and
colleagues' incidents (docs/interpretations.md).

The other doors of the app are here too: a reporter's own reports (``reports_of``,
``report_status_for``) and a twijfel question, for its asker and its addressee only
(``access_question``). Dossiers have theirs in dossier.py (``dossier_person_for``).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.incidents.models import (
    Case,
    CasePerson,
    Evidence,
    IncidentSettings,
    Question,
    Report,
)
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.policy import Membership, membership_for

User = AbstractBaseUser | AnonymousUser
ANONYMOUS_CHANNELS = (Report.Channel.ANONYMOUS, Report.Channel.PUBLIC)


def _person_of(membership: Membership | None) -> Person | None:
    if membership is None or membership.role == "beheerder":
        return None
    return membership.person


def is_schoolleiding_of(membership: Membership | None, school_id: int) -> bool:
    """Schoolleiding of that very school (not a beheerder of its board)."""
    person = _person_of(membership)
    return (person is not None and person.role == Person.Role.SCHOOLLEIDING
            and person.school_id == school_id)


def is_aanspreekpunt_of(membership: Membership | None, school_id: int) -> bool:
    person = _person_of(membership)
    return person is not None and IncidentSettings.objects.filter(
        school_id=school_id, aanspreekpunt_id=person.pk).exists()


def _aanspreekpunt_cases() -> Q:
    return (Q(reports__channel__in=ANONYMOUS_CHANNELS) | Q(reports__to_aanspreekpunt=True))


def _handled_by(membership: Membership) -> Q:
    """The cases this membership may handle (act on)."""
    person = _person_of(membership)
    if person is None:
        return Q(pk__in=[])
    handles = Q(handler_id=person.pk)
    if person.role == Person.Role.SCHOOLLEIDING:
        handles |= Q(school_id=person.school_id)
    if is_aanspreekpunt_of(membership, person.school_id):
        handles |= Q(school_id=person.school_id) & _aanspreekpunt_cases()
    return handles


def _visible(membership: Membership) -> Q:
    person = _person_of(membership)
    if person is None:
        return Q(pk__in=[])
    return _handled_by(membership) | Q(people__person_id=person.pk, people__shared=True)


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The cases this user may open, for the case list."""
    membership = membership_for(user)
    if membership is None:
        return Case.objects.none()
    return (Case.objects.filter(_visible(membership)).distinct()
            .select_related("school", "handler"))


def cases_handled_by(user: User) -> QuerySet[Case]:
    membership = membership_for(user)
    if membership is None:
        return Case.objects.none()
    return Case.objects.filter(_handled_by(membership)).distinct()


def may_see_case_list(membership: Membership) -> bool:
    """For the menu: schoolleiding, the aanspreekpunt, and whoever handles or was shared
    a case (a mentor a case was assigned to)."""
    person = _person_of(membership)
    if person is None:
        return False
    if person.role == Person.Role.SCHOOLLEIDING or is_aanspreekpunt_of(membership,
                                                                      person.school_id):
        return True
    return Case.objects.filter(_visible(membership)).exists()


def may_act_on(user: User, case: Case) -> bool:
    membership = membership_for(user)
    return membership is not None and Case.objects.filter(
        _handled_by(membership), pk=case.pk).exists()


def may_waive_duties(user: User, case: Case) -> bool:
    """Only schoolleiding consciously waives a duty (issue 15)."""
    return is_schoolleiding_of(membership_for(user), case.school_id)


def may_assign_handler(user: User, case: Case) -> bool:
    return is_schoolleiding_of(membership_for(user), case.school_id)


def _refuse(user: User, case_id: int, what: str, school_id: int | None) -> Http404:
    # The case's school sees the attempt in its log; the refused user learns nothing.
    do_record("case_refused", actor=user if user.is_authenticated else None,
              school=school_id, detail={"case": case_id, "what": what})
    return Http404(_("There is no such case."))


def case_for(user: User, case_id: int, *, reading: bool = True) -> Case:
    """The case, when this user may open it; 404 (audited) otherwise. ``reading`` audits
    the read (a page showing it); a POST that acts on it audits its own action."""
    membership = membership_for(user)
    case = Case.objects.select_related("school", "school__protocol", "handler").filter(
        pk=case_id).first()
    if case is None or membership is None or not Case.objects.filter(
            _visible(membership), pk=case.pk).exists():
        raise _refuse(user, case_id, "case", case.school_id if case is not None else None)
    if reading:
        do_record("case_read", actor=user, school=case.school_id, target=case,
                  detail={"case": case.pk})
    return case


def case_to_act_on(user: User, case_id: int) -> Case:
    """A case this user handles: 404 when they may not open it, 403 when they only read
    it (it was shared with them)."""
    case = case_for(user, case_id, reading=False)
    if not may_act_on(user, case):
        raise PermissionDenied(_("This case was shared with you to read; only its handler "
                                 "and the school's management act on it."))
    return case


def evidence_for(user: User, evidence_id: int) -> Evidence:
    """An evidence file, for those who handle its case (never for a person the case was
    shared with): 404 (audited) otherwise."""
    evidence = Evidence.objects.select_related("report", "case").filter(pk=evidence_id).first()
    case_id = None
    if evidence is not None:
        case_id = evidence.case_id or evidence.report.case_id
    membership = membership_for(user)
    if (evidence is None or case_id is None or membership is None
            or not Case.objects.filter(_handled_by(membership), pk=case_id).exists()):
        school_id = evidence.report.school_id if evidence is not None else None
        raise _refuse(user, case_id or 0, "evidence", school_id)
    return evidence


def report_status_for(user: User | str, reference: str) -> Report:
    """The reporter's own report, by its reference: for a signed-in reporter their
    account, for an anonymous or public one the secret shown once. 404 otherwise. The page
    shows only the status and dates, nothing about the case."""
    report = Report.objects.select_related("case").filter(
        reference=reference.strip().upper()).first()
    if report is not None:
        if isinstance(user, str):
            if report.status_secret_matches(user):
                return report
        else:
            membership = membership_for(user)
            person = _person_of(membership)
            if person is not None and report.reporter_id == person.pk:
                return report
    raise Http404(_("There is no report with this reference."))


def reports_of(person: Person | None) -> QuerySet[Report]:
    """The reports ``person`` made with their name on them (never an anonymous one: it
    has no reporter)."""
    if person is None:
        return Report.objects.none()
    return Report.objects.filter(reporter=person).select_related("case").order_by(
        "-created_at", "-pk")


def access_question(user: User, question_id: int) -> Question:
    """A question, for its asker and its addressee only; 404 for anyone else, as if it
    did not exist."""
    person = _person_of(membership_for(user))
    question = (Question.objects.select_related("asked_by", "to", "answered_by")
                .filter(pk=question_id).first())
    if question is None or person is None or person.pk not in (question.asked_by_id,
                                                                question.to_id):
        # The refusal is audited by schools.refusals.AccessRefusedMiddleware (the route
        # names a question_id), like every access function's 404.
        raise Http404(_("There is no question here."))
    return question


def access_incident_settings(user: User) -> School:
    """The school whose incident settings this user (schoolleiding) sets."""
    membership = membership_for(user)
    person = _person_of(membership)
    if person is None or not is_schoolleiding_of(membership, person.school_id):
        raise PermissionDenied(_("Only the school's management sets this."))
    return person.school


def people_to_link(user: User, case: Case) -> QuerySet[Person]:
    """Whom the handler may link to a case: the people they may see, of the case's
    school."""
    from protocolwijzer.schools.policy import people_visible_to

    membership = membership_for(user)
    if membership is None:
        return Person.objects.none()
    return people_visible_to(membership).filter(school_id=case.school_id)


__all__ = ["CasePerson", "access_question", "case_for", "case_to_act_on", "cases_visible_to",
           "evidence_for", "report_status_for", "reports_of"]
