"""A school's protocol through its life: concept -> voorgelegd -> instemming per body ->
vastgesteld -> in force from a date -> replaced.

Every step is a ``do_*`` action here: it checks that the step comes in its turn (a
ValidationError naming the field otherwise), writes inside one transaction with
``update_fields`` and records the step in the school's audit log. ``protocol_in_force``
answers which version decides a situation on a given day; the checker, the API and the
incidents use it, so a check dated before an in-force date gets the old verdict.

Invariant: ``School.protocol`` is the version in force *today*. Putting a version in force
from today or earlier switches it at once; a future date is switched by the daily command
``protocolwijzer manage activate_protocols`` (``do_activate_due_protocols``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import Protocol, load_protocol_text
from protocolwijzer.protocols.acknowledging import do_ask_to_acknowledge
from protocolwijzer.protocols.actions import do_import_protocol
from protocolwijzer.protocols.editing import (
    add_article,
    own_rules,
    problems_of,
    remove_article,
)
from protocolwijzer.protocols.models import (
    BLOCKING_BODIES,
    INSTEMMING_BODIES,
    Adoption,
    InstemmingDecision,
    ProtocolVersion,
)
from protocolwijzer.schools.models import School

User = AbstractBaseUser | AnonymousUser | None

# The audit log's codes of the lifecycle's steps (protocols/audit_events.py words them).
COPIED = "protocol_concept_created"
EDITED = "protocol_concept_edited"
SUBMITTED = "protocol_submitted"
DECIDED = "protocol_instemming_recorded"
ADOPTED = "protocol_adopted"
IN_FORCE = "protocol_put_in_force"
ACTIVATED = "protocol_came_into_force"
DELETED = "protocol_concept_deleted"
ARTICLE_ADDED = "protocol_article_added"
ARTICLE_REMOVED = "protocol_article_removed"


def today() -> datetime.date:
    return timezone.localdate()


def protocol_in_force(school: School, on: datetime.date | None) -> ProtocolVersion | None:
    """The version that decides a situation of ``school`` on the day ``on``.

    The adoption with the latest ``in_force_from`` on or before ``on``; before the first
    adoption in force, the school's protocol from before (the implicit adoption "in force
    since always" that ``do_put_in_force`` writes when it first changes anything). A school
    that never adopted a version here keeps its ``School.protocol`` for every day. Without
    a day it is the version in force today, which is ``School.protocol``.
    """
    if on is None:
        return school.protocol
    adoptions = (Adoption.objects.filter(school=school, status=Adoption.Status.ADOPTED,
                                         version__isnull=False)
                 .select_related("version"))
    dated = (adoptions.filter(in_force_from__isnull=False, in_force_from__lte=on)
             .order_by("-in_force_from", "-pk").first())
    if dated is not None:
        return dated.version
    always = adoptions.filter(implicit=True).order_by("-pk").first()
    if always is not None:
        return always.version
    return school.protocol


def version_for_situation(school: School, version: ProtocolVersion,
                          on: datetime.date | None) -> ProtocolVersion:
    """The version a check against ``version`` (the school's protocol, asked for by its id)
    uses for a situation on ``on``: the school's version of that protocol in force then."""
    if on is None:
        return version
    in_force = protocol_in_force(school, on)
    if in_force is not None and in_force.protocol_id == version.protocol_id:
        return in_force
    return version


def validate_source(text: str) -> Protocol:
    """The protocol of ``text``, validated exactly as ``protocolwijzer protocols validate``
    does (the engine's loader); a ValidationError on ``source_yaml`` listing every problem
    with its line and field otherwise."""
    try:
        return load_protocol_text(text, filename="protocol.yaml")
    except ProtocolError as exc:
        raise ValidationError({"source_yaml": [p.format() for p in exc.problems]},
                              code="invalid_protocol") from None


def do_copy_protocol(school: School, version: ProtocolVersion, *, by: User) -> Adoption:
    """A concept for ``school`` with the text of ``version`` (the version in force or a
    built-in protocol), to adapt; ``based_on`` is ``version``, the diff's "before"."""
    return _create_concept(school, _new_version_label(version.source_yaml), by=by,
                           based_on=version)


def _new_version_label(text: str) -> str:
    """The copy's ``version:`` gets the day it was made, so a verdict names which text
    decided ("version 2023-2024+20260901"); the school may change it while a concept."""
    stamp = today().strftime("%Y%m%d")

    def bump(match: re.Match[str]) -> str:
        label = match.group(2).strip().strip("'\"").split("+")[0]
        return f"{match.group(1)}'{label}+{stamp}'"

    return _VERSION_LINE.sub(bump, text, count=1)


_VERSION_LINE = re.compile(r"^(version:[ \t]*)([^#\n]*)", re.MULTILINE)


def do_create_concept(school: School, source_yaml: str, *, by: User,
                      based_on: ProtocolVersion | None = None) -> Adoption:
    """A concept for ``school`` with ``source_yaml`` (an imported document). Raises a
    ValidationError on ``source_yaml`` for a file the engine refuses; nothing is stored."""
    validate_source(source_yaml)
    return _create_concept(school, source_yaml, by=by, based_on=based_on)


def _create_concept(school: School, source_yaml: str, *, by: User,
                    based_on: ProtocolVersion | None) -> Adoption:
    with transaction.atomic():
        adoption = Adoption.objects.create(
            school=school, source_yaml=source_yaml, based_on=based_on,
            created_by=_user(by), status=Adoption.Status.CONCEPT)
        do_record(COPIED, actor=by, school=school, target=adoption,
                  detail=_detail(adoption, based_on=based_on.pk if based_on else None))
    return adoption


def do_update_concept(adoption: Adoption, source_yaml: str, *, by: User) -> Adoption:
    """Saves a changed text of a concept, only when the engine accepts it: an invalid text
    raises a ValidationError on ``source_yaml`` and changes nothing."""
    _require(adoption, Adoption.Status.CONCEPT, "source_yaml",
             _("Only a concept can be changed; this version has been submitted already."))
    validate_source(source_yaml)
    with transaction.atomic():
        if source_yaml != adoption.source_yaml:
            adoption.source_yaml = source_yaml
            adoption.save(update_fields=["source_yaml"])
            do_record(EDITED, actor=by, school=adoption.school_id, target=adoption,
                      detail=_detail(adoption))
    return adoption


def do_add_article(adoption: Adoption, *, section: str, after: str | None, article_id: str,
                   title: str, text: str, summary: str, by: User) -> Adoption:
    """Adds an article to a concept: in ``section`` after the article ``after`` (None: at
    the section's end), informative until rules implement it. Raises a ValidationError per
    field (``place``, ``article_id``, ``title``, ``text``) and saves nothing when the
    article or the resulting protocol is refused (``editing.add_article``,
    ``editing.problems_of``)."""
    _require(adoption, Adoption.Status.CONCEPT, "place",
             _("Only a concept can be changed; this version has been submitted already."))
    new = add_article(adoption.source_yaml, section=section, after=after,
                      article_id=article_id, title=title, body=text, summary=summary)
    _save_checked(adoption, new, ARTICLE_ADDED, by=by, article=article_id.strip())
    return adoption


def do_remove_article(adoption: Adoption, article_id: str, *, by: User) -> Adoption:
    """Removes an article's lines, and its own rules', from a concept. Refused (a ValidationError on
    ``article`` naming them) while anything in the file refers to it: a rule, an
    exception, a consequence, a scope entry, the evaluation, another article's clause."""
    _require(adoption, Adoption.Status.CONCEPT, "article",
             _("Only a concept can be changed; this version has been submitted already."))
    rules = own_rules(adoption.source_yaml, article_id)
    new = remove_article(adoption.source_yaml, article_id)
    _save_checked(adoption, new, ARTICLE_REMOVED, by=by, article=article_id,
                  rules=", ".join(rules))
    return adoption


def _save_checked(adoption: Adoption, source_yaml: str, code: str, *, by: User,
                  **detail: Any) -> None:
    _protocol, problems = problems_of(source_yaml)
    if problems:
        raise ValidationError([f"{p.where}: {p.message}" if p.where else p.message
                               for p in problems], code="invalid_protocol")
    with transaction.atomic():
        adoption.source_yaml = source_yaml
        adoption.save(update_fields=["source_yaml"])
        do_record(code, actor=by, school=adoption.school_id, target=adoption,
                  detail=_detail(adoption, **detail))


def do_delete_concept(adoption: Adoption, *, by: User) -> None:
    _require(adoption, Adoption.Status.CONCEPT, "status",
             _("Only a concept can be deleted; a submitted version is kept as a record."))
    with transaction.atomic():
        do_record(DELETED, actor=by, school=adoption.school_id, target=adoption,
                  detail=_detail(adoption))
        adoption.delete()


def do_submit(adoption: Adoption, bodies: Iterable[str], *, on: datetime.date,
              by: User) -> Adoption:
    """Freezes the concept's text as a protocol version and records to which bodies it is
    submitted for instemming (the protocol format's bodies: MR, GMR, OR, team, ...)."""
    _require(adoption, Adoption.Status.CONCEPT, "status",
             _("Only a concept can be submitted; this version has been submitted already."))
    chosen = list(dict.fromkeys(bodies))
    unknown = [body for body in chosen if body not in INSTEMMING_BODIES]
    if not chosen or unknown:
        raise ValidationError({"submitted_to": _(
            "Choose at least one body to submit the protocol to (for instance the MR).")},
            code="no_bodies")
    validate_source(adoption.source_yaml)
    with transaction.atomic():
        version = do_import_protocol(adoption.source_yaml)
        adoption.version = version
        adoption.status = Adoption.Status.SUBMITTED
        adoption.submitted_to = chosen
        adoption.submitted_on = on
        adoption.save(update_fields=["version", "status", "submitted_to", "submitted_on"])
        do_record(SUBMITTED, actor=by, school=adoption.school_id, target=adoption,
                  detail=_detail(adoption, bodies=", ".join(chosen), on=on.isoformat()))
    return adoption


def do_record_instemming(adoption: Adoption, body: str, outcome: str, *,
                         decided_on: datetime.date, minutes_reference: str,
                         by: User) -> InstemmingDecision:
    """Records a body's instemming given or refused, with its date and minutes reference.
    A later decision of the same body (after a new meeting) is recorded beside the first;
    the latest counts."""
    _require(adoption, Adoption.Status.SUBMITTED, "body",
             _("Instemming can only be recorded for a version that has been submitted and "
               "not yet adopted."))
    if body not in adoption.submitted_to:
        raise ValidationError({"body": _("This version was not submitted to %(body)s.")
                               % {"body": body_label(body)}}, code="not_submitted")
    if outcome not in InstemmingDecision.Outcome.values:
        raise ValidationError({"outcome": _("Choose whether instemming was given or "
                                            "refused.")}, code="outcome")
    if adoption.submitted_on and decided_on < adoption.submitted_on:
        raise ValidationError({"decided_on": _(
            "The decision cannot be dated before the version was submitted (%(date)s).")
            % {"date": adoption.submitted_on.isoformat()}}, code="before_submitted")
    if not minutes_reference.strip():
        raise ValidationError({"minutes_reference": _(
            "Give the reference of the minutes where the decision is recorded.")},
            code="minutes")
    with transaction.atomic():
        decision = InstemmingDecision.objects.create(
            adoption=adoption, body=body, outcome=outcome, decided_on=decided_on,
            minutes_reference=minutes_reference.strip(), recorded_by=_user(by))
        do_record(DECIDED, actor=by, school=adoption.school_id, target=adoption,
                  detail=_detail(adoption, body=body, outcome=outcome,
                                 decided_on=decided_on.isoformat()))
    return decision


def do_adopt(adoption: Adoption, *, adopted_by: str, adopted_on: datetime.date,
             by: User) -> Adoption:
    """Vaststellen: every body it was submitted to has decided, and neither the MR nor the
    GMR refused (their instemmingsrecht); otherwise a ValidationError names the body."""
    _require(adoption, Adoption.Status.SUBMITTED, "adopted_on",
             _("Only a submitted version can be adopted: submit it to the MR first."))
    if not adopted_by.strip():
        raise ValidationError({"adopted_by": _("Say who adopts the protocol (for instance "
                                               "the school board).")}, code="adopted_by")
    latest: datetime.date | None = None
    for body in adoption.submitted_to:
        decision = adoption.decision_for(body)
        if decision is None:
            raise ValidationError({"adopted_on": _(
                "%(body)s has not decided yet: record its instemming first.")
                % {"body": body_label(body)}}, code="undecided")
        if decision.outcome == InstemmingDecision.Outcome.REFUSED and body in BLOCKING_BODIES:
            raise ValidationError({"adopted_on": _(
                "%(body)s refused its instemming: the protocol cannot be adopted. Copy it, "
                "change it and submit it again.") % {"body": body_label(body)}},
                code="refused")
        latest = max(latest or decision.decided_on, decision.decided_on)
    if latest is not None and adopted_on < latest:
        raise ValidationError({"adopted_on": _(
            "The protocol cannot be adopted before the last decision on it (%(date)s).")
            % {"date": latest.isoformat()}}, code="before_decision")
    with transaction.atomic():
        adoption.status = Adoption.Status.ADOPTED
        adoption.adopted_by = adopted_by.strip()
        adoption.adopted_on = adopted_on
        adoption.save(update_fields=["status", "adopted_by", "adopted_on"])
        do_record(ADOPTED, actor=by, school=adoption.school_id, target=adoption,
                  detail=_detail(adoption, adopted_on=adopted_on.isoformat()))
    return adoption


def do_put_in_force(adoption: Adoption, on: datetime.date, *, by: User) -> Adoption:
    """The adopted version is in force from ``on``. From today or earlier it becomes
    ``School.protocol`` at once; a later date is switched by the daily command. The
    school's protocol from before is kept as "in force since always", so a situation dated
    before ``on`` is still judged by it."""
    _require(adoption, Adoption.Status.ADOPTED, "in_force_from",
             _("Only an adopted version can be put in force: it has not been adopted "
               "(vastgesteld) yet."))
    if adoption.in_force_from is not None and adoption.in_force_from <= today():
        raise ValidationError({"in_force_from": _(
            "This version is in force already since %(date)s.")
            % {"date": adoption.in_force_from.isoformat()}}, code="in_force")
    if adoption.adopted_on and on < adoption.adopted_on:
        raise ValidationError({"in_force_from": _(
            "A version cannot be in force before it was adopted (%(date)s).")
            % {"date": adoption.adopted_on.isoformat()}}, code="before_adopted")
    with transaction.atomic():
        school = School.objects.select_for_update().get(pk=adoption.school_id)
        _keep_protocol_from_before(school, by=by)
        adoption.in_force_from = on
        adoption.save(update_fields=["in_force_from"])
        do_record(IN_FORCE, actor=by, school=school, target=adoption,
                  detail=_detail(adoption, on=on.isoformat()))
        _switch_to_version_in_force(school, by=by)
    return adoption


def do_activate_due_protocols(on: datetime.date | None = None) -> list[School]:
    """Switches ``School.protocol`` of every school whose version in force changed by
    ``on`` (today): the daily command. Returns the schools it switched."""
    on = on or today()
    switched = []
    school_ids = (Adoption.objects.filter(status=Adoption.Status.ADOPTED,
                                          in_force_from__lte=on)
                  .values_list("school_id", flat=True).distinct())
    for school in School.objects.filter(pk__in=list(school_ids)).order_by("pk"):
        with transaction.atomic():
            if _switch_to_version_in_force(school, by=None, on=on):
                switched.append(school)
    return switched


def _switch_to_version_in_force(school: School, *, by: User,
                                on: datetime.date | None = None) -> bool:
    version = protocol_in_force(school, on or today())
    if version is None or version.pk == school.protocol_id:
        return False
    previous = school.protocol_id
    school.protocol = version
    school.save(update_fields=["protocol"])
    do_record(ACTIVATED, actor=by, school=school, target=version,
              detail={"protocol": version.protocol_id, "version": version.version,
                      "previous": previous})
    do_ask_to_acknowledge(school, version, by=by)
    return True


def _keep_protocol_from_before(school: School, *, by: User) -> None:
    """Writes the implicit adoption "in force since always" for the school's protocol from
    before its first adoption, once (demo and existing schools keep their verdicts)."""
    if school.protocol is None or Adoption.objects.filter(school=school, implicit=True).exists():
        return
    if Adoption.objects.filter(school=school, in_force_from__isnull=False).exists():
        return
    Adoption.objects.create(
        school=school, source_yaml=school.protocol.source_yaml, version=school.protocol,
        based_on=None, status=Adoption.Status.ADOPTED, implicit=True,
        submitted_to=[], created_by=_user(by))


def _require(adoption: Adoption, status: str, field: str, message: str) -> None:
    # Read the stored status: a page opened before someone else took the next step.
    stored = Adoption.objects.filter(pk=adoption.pk).values_list("status", flat=True).first()
    if stored != status:
        raise ValidationError({field: message}, code="out_of_order")


def body_label(body: str) -> str:
    return str(INSTEMMING_BODIES.get(body, body))


def _user(by: User) -> Any:
    return by if by is not None and by.is_authenticated else None


def _detail(adoption: Adoption, **extra: Any) -> dict[str, Any]:
    version = adoption.version
    return {"adoption": adoption.pk,
            **({"protocol": version.protocol_id, "version": version.version}
               if version is not None else {}), **extra}



@dataclass(frozen=True)
class Stage:
    """Where an adoption is in its life, as the list and its page show it."""

    code: str  # concept, submitted, adopted, scheduled, in_force, replaced
    label: str


def stage_of(adoption: Adoption, on: datetime.date | None = None) -> Stage:
    on = on or today()
    if adoption.status == Adoption.Status.CONCEPT:
        return Stage("concept", _("concept"))
    if adoption.status == Adoption.Status.SUBMITTED:
        return Stage("submitted", _("submitted to %(bodies)s")
                     % {"bodies": ", ".join(body_label(b) for b in adoption.submitted_to)})
    if adoption.in_force_from is None:
        return Stage("adopted", _("adopted, not yet in force"))
    if adoption.in_force_from > on:
        return Stage("scheduled", _("in force from %(date)s")
                     % {"date": date_format(adoption.in_force_from)})
    in_force = protocol_in_force(adoption.school, on)
    later = (Adoption.objects.filter(school_id=adoption.school_id,
                                     status=Adoption.Status.ADOPTED,
                                     in_force_from__gt=adoption.in_force_from,
                                     in_force_from__lte=on).exists())
    if in_force == adoption.version and not later:
        return Stage("in_force", _("in force since %(date)s")
                     % {"date": date_format(adoption.in_force_from)})
    return Stage("replaced", _("replaced"))
