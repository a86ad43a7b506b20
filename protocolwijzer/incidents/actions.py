"""A case's life, the one way to change it: open, link people, triage against the protocol,
classify, record measures and duties, close, share. Each step is one ``do_*`` inside a
transaction that writes a ``CaseEvent`` (the case's own, append-only history) and the same
step to the tamper-evident audit log.

The software never decides a sanction: ``measure_options`` shows what the protocol file
allows, mildest first, each with its article; ``do_record_measure`` records what a person
decided, and refuses a measure the file does not name.

``by`` is always the account acting (None for a report nobody can be named for); the
Person behind it is who decided or recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.engine.conditions import always
from protocolwijzer.engine.protocol import Protocol, localize
from protocolwijzer.engine.sanctions import measure_term, mildest_first
from protocolwijzer.incidents.models import (
    Case,
    CaseEvent,
    CasePerson,
    DossierEntry,
    Duty,
    IncidentSettings,
    Measure,
    Report,
)
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.policy import STAFF_ROLES

Account = AbstractBaseUser | None
R = Person.Role

# The consequence kinds of a protocol file that are a duty of the school, and the duty.
DUTY_OF_CONSEQUENCE = {
    "escalation": Duty.Kind.VERTROUWENSINSPECTEUR,
    "legal_duty": Duty.Kind.MELDPLICHT,
    "aangifte": Duty.Kind.AANGIFTE,
}

# Keys of a CaseEvent's detail that hold free text: never copied into the audit log.
FREE_TEXT = frozenset({"reason", "reference"})


def person_of(by: Account) -> Person | None:
    if by is None:
        return None
    return Person.objects.filter(user_id=by.pk).first()


def engine_role_of(person: Person) -> str:
    """The protocol's role (actor.role) of a person: staff, student or parent."""
    if person.role == R.LEERLING:
        return "student"
    if person.role == R.OUDER:
        return "parent"
    return "staff"


def dossier_file_for(person: Person) -> str:
    """Staff go in the personeelsdossier; pupils and parents in the leerlingendossier
    (both seeds: "Leerlingen en/of ouders/verzorgers ... leerlingendossier"). A parent's
    entry stays under the parent, not in their child's file (docs/interpretations.md)."""
    if person.role in STAFF_ROLES or person.role == R.MR_LID:
        return DossierEntry.File.PERSONEELSDOSSIER
    return DossierEntry.File.LEERLINGENDOSSIER


def _event(case: Case, kind: str, by: Account, detail: dict[str, Any] | None = None,
           *, target: Any = None) -> CaseEvent:
    """One step of the case's history, also in the audit log (as ``case_<kind>``). Free
    text (a reason, a reference) stays in the case's history: the audit log keeps codes,
    dates and ids, which its retention can reduce."""
    detail = detail or {}
    event = CaseEvent.objects.create(case=case, actor_id=by.pk if by is not None else None,
                                     kind=kind, detail=detail)
    codes = {key: value for key, value in detail.items() if key not in FREE_TEXT}
    do_record(f"case_{kind}", actor=by, school=case.school_id,
              target=target if target is not None else case,
              detail={"case": case.pk, **codes})
    return event


# -- opening ------------------------------------------------------------------------------

def default_handler(report: Report) -> Person | None:
    """Who handles a new report until schoolleiding chooses otherwise: the aanspreekpunt
    for a report addressed to them (an anonymous pupil's); the mentor when the people
    involved are pupils of one group with a mentor; else the aanspreekpunt; else the
    school's first schoolleider (docs/interpretations.md)."""
    settings = IncidentSettings.for_school(report.school_id)
    if report.to_aanspreekpunt and settings.aanspreekpunt_id:
        return settings.aanspreekpunt
    if report.pk is not None:
        groups = {p.group_id for p in report.involved.all() if p.role == R.LEERLING}
        if len(groups) == 1 and None not in groups:
            mentor = (Person.objects.filter(school_id=report.school_id, role=R.MENTOR,
                                            group_id=next(iter(groups)), is_active=True)
                      .order_by("pk").first())
            if mentor is not None:
                return mentor
    if settings.aanspreekpunt_id:
        return settings.aanspreekpunt
    return leidinggevende_of(report.school_id)


def leidinggevende_of(school_id: int) -> Person | None:
    """The school's first active schoolleider (the leidinggevende of Roermond B.2/B.3 and
    Willibrord B.3/B.4, docs/interpretations.md)."""
    return (Person.objects.filter(school_id=school_id, role=R.SCHOOLLEIDING, is_active=True)
            .order_by("pk").first())


@transaction.atomic
def do_open_case(report: Report, by: Account, *, notify: bool = True) -> Case:
    """Opens a case for a new report (the report's ``do_report`` calls this in its own
    transaction) and tells the handler (not for the demo's invented cases). A report
    already in a case keeps it."""
    if report.case_id is not None:
        return report.case  # type: ignore[return-value]
    settings = IncidentSettings.for_school(report.school_id)
    today = timezone.localdate()
    case = Case.objects.create(
        school_id=report.school_id, handler=default_handler(report),
        happened_on=report.happened_on,
        triage_due=today + datetime.timedelta(days=settings.triage_days))
    report.case = case
    report.save(update_fields=["case"])
    report.evidence.update(case=case)
    # Nothing about who reported: an anonymous report stores nobody, and the history
    # says only through which channel it came.
    _event(case, "opened", by if not report.is_anonymous else None,
           {"report": report.reference, "channel": report.channel})
    if notify:
        from protocolwijzer.incidents.notify import do_notify_new_report

        do_notify_new_report(case)
    return case


@transaction.atomic
def do_assign_handler(case: Case, handler: Person, by: Account) -> Case:
    """Schoolleiding gives the case to another staff member (the caller checked it)."""
    if handler.school_id != case.school_id or handler.role not in STAFF_ROLES:
        raise ValidationError(_("The handler must be a staff member of the school."))
    case.handler = handler
    case.save(update_fields=["handler"])
    _event(case, "handler_assigned", by, {"person": handler.pk})
    from protocolwijzer.incidents.notify import do_notify_new_report

    do_notify_new_report(case)
    return case


@transaction.atomic
def do_link_person(case: Case, person: Person, part: str, by: Account) -> CasePerson:
    """Links ``person`` to the case in ``part`` (the caller offers only people the handler
    may see); linking again changes the part."""
    _refuse_if_closed(case)
    if person.school_id != case.school_id:
        raise ValidationError(_("This person is not at the case's school."))
    if part not in CasePerson.Part.values:
        raise ValidationError(_("Choose the part this person played."))
    link, created = CasePerson.objects.get_or_create(case=case, person=person,
                                                     defaults={"part": part})
    if not created and link.part != part:
        link.part = part
        link.save(update_fields=["part"])
    if case.status == Case.Status.NEW:
        case.status = Case.Status.TRIAGE
        case.save(update_fields=["status"])
    _event(case, "person_linked", by, {"person": person.pk, "part": part})
    return link


# -- triage --------------------------------------------------------------------------------

def protocol_in_force(school: School, on: datetime.date | None) -> ProtocolVersion | None:
    """The version of the school's protocol in force on ``on``: an incident is judged by
    the version in force when it happened (protocols/lifecycle.py)."""
    from protocolwijzer.protocols.lifecycle import protocol_in_force as in_force

    return in_force(school, on)


def broken_articles(verdict: dict[str, Any]) -> list[str]:
    """The articles a verdict found broken: prohibitions and unmet obligations."""
    found: list[str] = []
    for finding in verdict.get("findings", []):
        broken = finding["effect"] == "forbidden" or (
            finding["effect"] == "obligation" and finding["met"] is False)
        if broken and finding["article"] not in found:
            found.append(finding["article"])
    return found


@transaction.atomic
def do_triage(case: Case, *, situation: dict[str, Any], by: Account) -> Case:
    """Runs ``situation`` through the engine with the protocol in force on the day it
    happened, stores the input and the verdict (with the analyser's marks on the text) and
    the broken articles, and adds the duties the verdict's consequences call for
    (escalation: the vertrouwensinspecteur; legal_duty: the meldplicht; aangifte). Duties
    already on the case stay as they are. Raises ``SituationError`` for a situation
    outside the contract, ``ValidationError`` without a protocol."""
    from protocolwijzer.checks.results import present
    from protocolwijzer.checks.situations import text_context
    from protocolwijzer.engine.check import check_situation
    from protocolwijzer.engine.situation import parse_situation

    _refuse_if_closed(case)
    version = protocol_in_force(case.school, case.happened_on)
    if version is None:
        raise ValidationError(_("The school follows no protocol yet, so there is nothing "
                                "to triage against."))
    situation = {**situation, "protocol": version.protocol_id}
    parsed = parse_situation(situation)
    protocol = version.engine_protocol()
    verdict = check_situation(protocol, parsed, text_context(None, case.school))
    stored = verdict.to_dict()
    text = parsed.text
    if text.strip():
        shown = present(verdict, protocol, text, "#%s")
        stored["marks"] = [{"text": s.text, "label": s.label, "kind": s.kind,
                            "articles": list(s.articles)} for s in shown.segments]
    case.protocol_id = version.protocol_id
    case.protocol_version = version.version
    case.situation = situation
    case.verdict = stored
    case.articles = broken_articles(stored)
    if case.status in (Case.Status.NEW, Case.Status.TRIAGE):
        case.status = Case.Status.OPEN
    case.save(update_fields=["protocol_id", "protocol_version", "situation", "verdict",
                             "articles", "status"])
    _event(case, "triaged", by, {"verdict": verdict.verdict, "articles": case.articles,
                                 "protocol": version.protocol_id,
                                 "version": version.version})
    recorder = person_of(by)
    added = []
    for consequence in verdict.consequences:
        kind = DUTY_OF_CONSEQUENCE.get(consequence.kind)
        if kind is None or case.duties.filter(kind=kind).exists():
            continue
        duty = Duty.objects.create(case=case, kind=kind, article=consequence.article,
                                   contact=consequence.contact or "", recorded_by=recorder)
        added.append(duty)
        _event(case, "duty_added", by, {"duty": kind, "article": consequence.article},
               target=duty)
    if added:
        from protocolwijzer.incidents.notify import do_notify_duties_open

        do_notify_duties_open(case, added)
    return case


@transaction.atomic
def do_set_articles(case: Case, articles: list[str], by: Account) -> Case:
    """The handler corrects the list of broken articles (the engine's is a proposal)."""
    _refuse_if_closed(case)
    known = _protocol_of(case).articles if case.protocol_id else {}
    unknown = [a for a in articles if a not in known]
    if unknown:
        raise ValidationError(_("The protocol has no article %(ids)s.")
                              % {"ids": ", ".join(unknown)})
    case.articles = list(dict.fromkeys(articles))
    case.save(update_fields=["articles"])
    _event(case, "articles_set", by, {"articles": case.articles})
    return case


@transaction.atomic
def do_set_severity(case: Case, severity: str, by: Account) -> Case:
    _refuse_if_closed(case)
    if severity not in Case.Severity.values:
        raise ValidationError(_("Choose how serious it is."))
    case.severity = severity
    case.save(update_fields=["severity"])
    _event(case, "severity_set", by, {"severity": severity})
    return case


@transaction.atomic
def do_add_duty(case: Case, kind: str, by: Account, *, article: str = "") -> Duty:
    """A duty the handler adds themselves, such as informing the parents."""
    _refuse_if_closed(case)
    if kind not in Duty.Kind.values:
        raise ValidationError(_("Choose a duty."))
    duty = Duty.objects.create(case=case, kind=kind, article=article,
                               recorded_by=person_of(by))
    _event(case, "duty_added", by, {"duty": kind, "article": article}, target=duty)
    return duty


# -- measures ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    """A measure the protocol allows for a person, with its article."""

    measure: str        # verbatim from the protocol file
    article: str
    explanation: str    # what it means, in B1 words (engine/glossary.json)
    text: str           # the consequence's own text from the file


def protocol_judged_under(case: Case) -> Protocol | None:
    """The protocol a case is judged under: the version its triage used, else (not triaged
    yet, or that version is gone) the version in force on the day it happened; None when
    the school follows no protocol. The one answer for the measures, the articles and the
    dossier's quotes."""
    version = None
    if case.protocol_id:
        version = (ProtocolVersion.objects.filter(protocol_id=case.protocol_id,
                                                  version=case.protocol_version)
                   .order_by("-loaded_at", "-pk").first())
    if version is None:
        version = protocol_in_force(case.school, case.happened_on)
    return version.engine_protocol() if version is not None else None


def _protocol_of(case: Case) -> Protocol:
    protocol = protocol_judged_under(case)
    if protocol is None:
        raise ValidationError(_("The school follows no protocol yet."))
    return protocol


def measure_options(case: Case, person: Person) -> list[Option]:
    """The measures the protocol file names for ``person``'s role, mildest first, each
    with its article. A consequence with a condition counts only when the triage verdict
    reached it. Empty before triage."""
    if not case.is_triaged:
        return []
    protocol = _protocol_of(case)
    role = engine_role_of(person)
    reached = {(c["article"], c["kind"]) for c in (case.verdict or {}).get("consequences", [])}
    options: list[Option] = []
    seen: set[str] = set()
    for consequence in protocol.consequences:
        if consequence.kind != "measures" or role not in consequence.roles:
            continue
        if consequence.condition is not always and (consequence.article,
                                                    consequence.kind) not in reached:
            continue
        for name in mildest_first(consequence.measures):
            if name in seen:
                continue
            seen.add(name)
            term = measure_term(name)
            options.append(Option(name, consequence.article,
                                  term.explain() if term else "",
                                  localize(consequence.text)))
    return options


@transaction.atomic
def do_record_measure(case: Case, person: Person, measure: str, *, reason: str,
                      by: Account, decided_on: datetime.date | None = None) -> Measure:
    """Records a measure a person decided, and its dossier entry (personeelsdossier for
    staff, leerlingendossier for a pupil or a parent). Refuses a measure the protocol does
    not name for this person, a missing reason, or someone not linked to the case."""
    _refuse_if_closed(case)
    decider = person_of(by)
    if decider is None:
        raise ValidationError(_("Only a person of the school can record a decision."))
    if not case.people.filter(person=person).exists():
        raise ValidationError(_("Link this person to the case first."))
    if not reason.strip():
        raise ValidationError(_("Say why this measure was chosen."))
    option = next((o for o in measure_options(case, person) if o.measure == measure), None)
    if option is None:
        raise ValidationError(_("The protocol does not name this measure for this person."))
    decided_on = decided_on or timezone.localdate()
    recorded = Measure.objects.create(case=case, person=person, article=option.article,
                                      measure=option.measure, decided_by=decider,
                                      decided_on=decided_on, reason=reason.strip(),
                                      articles=list(case.articles))
    text = _("%(measure)s (%(article)s), decided on %(date)s by %(decider)s. Articles "
             "broken: %(articles)s. Reason: %(reason)s") % {
        "measure": option.measure, "article": option.article,
        "date": decided_on.isoformat(), "decider": decider.full_name,
        "articles": ", ".join(case.articles) or "-", "reason": reason.strip()}
    DossierEntry.objects.create(school_id=case.school_id, person=person,
                                file=dossier_file_for(person), case=case, measure=recorded,
                                article=option.article, text=text, created_by=decider)
    _event(case, "measure_recorded", by, {"person": person.pk, "measure": option.measure,
                                          "article": option.article,
                                          "decided_on": decided_on.isoformat()},
           target=recorded)
    return recorded


# -- duties and closing --------------------------------------------------------------------

@transaction.atomic
def do_record_duty(duty: Duty, *, done_on: datetime.date, reference: str,
                   by: Account) -> Duty:
    """Records that a duty was done: when, and the reference (a call's note, the police's
    number of the aangifte)."""
    _refuse_if_closed(duty.case)
    if not duty.is_open:
        raise ValidationError(_("This duty was already recorded."))
    if done_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    duty.status = Duty.Status.DONE
    duty.done_on = done_on
    duty.reference = reference.strip()
    duty.recorded_by = person_of(by)
    duty.save(update_fields=["status", "done_on", "reference", "recorded_by"])
    _event(duty.case, "duty_done", by, {"duty": duty.kind, "done_on": done_on.isoformat(),
                                        "reference": duty.reference}, target=duty)
    return duty


@transaction.atomic
def do_waive_duty(duty: Duty, *, reason: str, by: Account) -> Duty:
    """Schoolleiding consciously decides a duty does not apply, with a reason (the caller
    checked the role with ``access.may_waive_duties``)."""
    from protocolwijzer.incidents.access import is_schoolleiding_of
    from protocolwijzer.schools.policy import membership_for

    _refuse_if_closed(duty.case)
    if by is None or not is_schoolleiding_of(membership_for(by), duty.case.school_id):
        raise ValidationError(_("Only the school's management can waive a duty."))
    if not duty.is_open:
        raise ValidationError(_("This duty was already recorded."))
    if not reason.strip():
        raise ValidationError(_("Say why this duty does not apply."))
    duty.status = Duty.Status.WAIVED
    duty.waived_reason = reason.strip()
    duty.recorded_by = person_of(by)
    duty.save(update_fields=["status", "waived_reason", "recorded_by"])
    _event(duty.case, "duty_waived", by, {"duty": duty.kind, "reason": duty.waived_reason},
           target=duty)
    return duty


@transaction.atomic
def do_close_case(case: Case, *, reason: str, by: Account) -> Case:
    """Closes the case; refused (``ValidationError`` naming them) while a duty is open."""
    _refuse_if_closed(case)
    open_duties = list(case.duties.filter(status=Duty.Status.OPEN))
    if open_duties:
        raise ValidationError(
            _("The case cannot be closed while these duties are open: %(duties)s. Record "
              "them as done, or let the school's management waive them with a reason.")
            % {"duties": "; ".join(f"{d.get_kind_display()} ({d.article})" if d.article
                                   else str(d.get_kind_display()) for d in open_duties)},
            code="open_duties")
    if not reason.strip():
        raise ValidationError(_("Say why the case can be closed."))
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.close_reason = reason.strip()
    case.save(update_fields=["status", "closed_at", "close_reason"])
    _event(case, "closed", by, {"reason": case.close_reason})
    return case


@transaction.atomic
def do_share_case(case: Case, person: Person, by: Account) -> CasePerson:
    """Shares the case's details with a person linked to it (people involved never see
    each other's details unless the handler does this)."""
    link = case.people.filter(person=person).first()
    if link is None:
        raise ValidationError(_("Link this person to the case first."))
    if person.user_id is None:
        raise ValidationError(_("This person has no account to read the case with."))
    if not link.shared:
        link.shared = True
        link.save(update_fields=["shared"])
        _event(case, "shared", by, {"person": person.pk})
    return link


@transaction.atomic
def do_set_incident_settings(school: School, *, aanspreekpunt: Person | None,
                             triage_days: int, retention_years: int,
                             by: Account) -> IncidentSettings:
    if aanspreekpunt is not None and (aanspreekpunt.school_id != school.pk
                                      or aanspreekpunt.role not in STAFF_ROLES):
        raise ValidationError(_("The aanspreekpunt must be a staff member of the school."))
    settings, _created = IncidentSettings.objects.get_or_create(school=school)
    settings.aanspreekpunt = aanspreekpunt
    settings.triage_days = triage_days
    settings.retention_years = retention_years
    settings.save(update_fields=["aanspreekpunt", "triage_days", "retention_years"])
    do_record("incident_settings_changed", actor=by, school=school,
              detail={"person": aanspreekpunt.pk if aanspreekpunt else None,
                      "triage_days": triage_days, "retention_years": retention_years})
    return settings


def _refuse_if_closed(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("This case is closed."))
