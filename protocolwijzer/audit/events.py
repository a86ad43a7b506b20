"""The audit log in words: one table from an event's code to the sentence the log page shows.

A schoolleider reads "Ouder van Sem W. gaf toestemming voor Schoolwebsite", not
``consent_decided``. Each kind of event has one ``EventKind``: a short label (for the
log's filter), a category (the filter's groups) and a sentence with named placeholders;
``variants`` pick another sentence from what the event's detail says (a yes or a no, a
paper form or the parent's page). ``wording.py`` fills the placeholders in for the reader:
names only where the reader may see that person, dates the Dutch way.

Adding a kind of event is one entry: in ``KINDS`` below, or, for an app of its own, in
that app's ``audit_events.py`` (found at start-up, like Django's ``admin.py``)::

    from protocolwijzer.audit.events import EventKind, register

    register(EventKind("takedown_done", "publications", _("marked a take-down as done"),
                       _("%(actor)s marked the take-down of %(target)s as done")))

Placeholders a sentence may use:

- ``%(actor)s``: who acted (a name, or their role where the reader may not see them);
- ``%(target)s``: the object acted on (a person, a group, an account);
- ``%(email)s``: the e-mail address typed at a failed sign-in (no account to name);
- any key of the event's detail, shown by its type: a person's id as their name, a
  purpose's code as its name, a date as "7 december 2026", a role by its name. Types come
  from ``DETAIL_TYPES`` by key, or from the kind's own ``types``.

A test checks that every code recorded anywhere in the package has an entry here, or at
least a label in ``models.Action`` (it then reads "<actor> <label>", in "other").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The groups of the log's filter ("kind"), in the order the filter shows them.
CATEGORIES: dict[str, Promise] = {
    "consent": _("Consent"),
    "people": _("People and groups"),
    "roles": _("Roles and access"),
    "accounts": _("Signing in and accounts"),
    "checks": _("Checks and protocol"),
    "publications": _("Publications and take-downs"),
    "incidents": _("Reports and cases"),
    "audit": _("The audit log"),
    "other": _("Other"),
}

# Keys of an event's detail that hold a person's id: the log names them (where the reader
# may see them), the filter per person finds events by them, and retention reduces the
# events that name a purged person (consent/retention.py).
PERSON_DETAIL_KEYS = ("decided_by", "person", "student", "guardian")

# How a detail value is shown, by key, unless a kind says otherwise in ``types``.
DETAIL_TYPES: dict[str, str] = {
    **{key: "person" for key in PERSON_DETAIL_KEYS},
    "purpose": "purpose",
    "form_dated": "date",
    "left_before": "date",
    "group": "group",
    "added": "groups",
    "removed": "groups",
    "verdict": "verdict",
    "choice": "choice",
    "how": "how",
}

# Condition keys that are not detail keys.
HAS_TARGET = "@target"
MISSING = object()  # a variant condition: the detail lacks this key
PRESENT = object()  # a variant condition: the detail has this key, whatever its value


@dataclass(frozen=True)
class EventKind:
    code: str
    category: str
    label: Promise  # short, lower case, for the filter: "signed in"
    sentence: Promise
    # (conditions, sentence): the first whose conditions all hold wins. A condition maps
    # a detail key (or HAS_TARGET) to the value it must have.
    variants: tuple[tuple[Mapping[str, Any], Promise], ...] = ()
    types: Mapping[str, str] = field(default_factory=dict)

    def sentence_for(self, detail: Mapping[str, Any], has_target: bool) -> Promise:
        facts = {**detail, HAS_TARGET: has_target}
        for conditions, sentence in self.variants:
            if all(_holds(facts, key, value) for key, value in conditions.items()):
                return sentence
        return self.sentence

    def type_of(self, key: str) -> str:
        return self.types.get(key) or DETAIL_TYPES.get(key, "text")


def _holds(facts: Mapping[str, Any], key: str, wanted: Any) -> bool:
    value = facts.get(key, MISSING)
    if wanted is MISSING or wanted is PRESENT:
        return (value is MISSING) == (wanted is MISSING)
    return value == wanted


KINDS: dict[str, EventKind] = {}


def register(*kinds: EventKind) -> None:
    """Adds kinds of events to the table; a code may be registered once."""
    for kind in kinds:
        if kind.code in KINDS and KINDS[kind.code] != kind:
            raise ValueError(f"The audit event '{kind.code}' is registered twice.")
        if kind.category not in CATEGORIES:
            raise ValueError(f"'{kind.category}' is not an audit category "
                             f"({', '.join(CATEGORIES)}).")
        KINDS[kind.code] = kind


def _labelled(code: str) -> EventKind | None:
    """An action with a label in ``models.Action`` but no entry here reads "<actor>
    <label>": the labels are verb phrases ("uploaded a photo"), so an app that only named
    its action there is still in words."""
    from protocolwijzer.audit.models import Action

    if code not in Action.values:
        return None
    label = Action(code).label
    return EventKind(code, "other", label, _("%(actor)s %(action)s"))


def kind_of(code: str) -> EventKind:
    """The kind of an event; an unknown code still reads as a sentence, naming its code."""
    return KINDS.get(code) or _labelled(code) or EventKind(
        code, "other", _("other events"),
        _("%(actor)s: an event the log has no words for yet (%(code)s)"))


def all_kinds() -> list[EventKind]:
    """The table's kinds, then those known only by an ``Action`` label."""
    from protocolwijzer.audit.models import Action

    extra = [kind for code in Action.values if code not in KINDS
             if (kind := _labelled(code)) is not None]
    return [*KINDS.values(), *extra]


def kinds_by_category() -> list[tuple[str, Promise, list[EventKind]]]:
    """For the filter: each category with its kinds, in the table's order."""
    kinds = all_kinds()
    return [(key, label, [k for k in kinds if k.category == key])
            for key, label in CATEGORIES.items()
            if any(k.category == key for k in kinds)]


GIVEN, REFUSED = "given", "refused"
ON_PAGE, ON_PAPER, BY_STUDENT = "guardian_page", "paper_form", "student"

register(
    # --- consent --------------------------------------------------------------------------
    EventKind(
        "consent_decided", "consent", _("consent given, refused or withdrawn"),
        _("A decision about consent for %(purpose)s was recorded for %(target)s"),
        variants=(
            ({"how": BY_STUDENT, "withdrawn": True},
             _("%(target)s withdrew their own consent for %(purpose)s")),
            ({"how": BY_STUDENT, "choice": GIVEN},
             _("%(target)s gave consent for %(purpose)s themselves")),
            ({"how": BY_STUDENT, "choice": REFUSED},
             _("%(target)s refused consent for %(purpose)s themselves")),
            ({"how": ON_PAPER, "withdrawn": True},
             _("%(actor)s recorded a paper form on which %(decided_by)s withdrew consent "
               "for %(purpose)s")),
            ({"how": ON_PAPER, "choice": GIVEN},
             _("%(actor)s recorded a paper form on which %(decided_by)s gave consent for "
               "%(purpose)s")),
            ({"how": ON_PAPER, "choice": REFUSED},
             _("%(actor)s recorded a paper form on which %(decided_by)s refused consent "
               "for %(purpose)s")),
            ({"withdrawn": True},
             _("%(decided_by)s withdrew consent for %(purpose)s")),
            ({"choice": GIVEN}, _("%(decided_by)s gave consent for %(purpose)s")),
            ({"choice": REFUSED}, _("%(decided_by)s refused consent for %(purpose)s")),
        )),
    EventKind("consent_paper_form_recorded", "consent", _("paper form recorded"),
              _("%(actor)s recorded a paper consent form on behalf of %(decided_by)s"),
              variants=(({"decided_by": MISSING}, _(
                  "%(actor)s recorded a paper consent form on behalf of a parent or "
                  "student")),)),
    EventKind("consent_paper_form_scan_viewed", "consent", _("scan of a paper form opened"),
              _("%(actor)s opened the scan of a paper form of %(target)s")),
    EventKind("consent_history_viewed", "consent", _("consent history viewed"),
              _("%(actor)s viewed the consent history of %(target)s")),
    EventKind("consent_list_viewed", "consent", _("consent list viewed"),
              _("%(actor)s viewed who may be in photos in %(target)s"),
              variants=(({"via": "check"}, _(
                  "%(actor)s read the consent of tagged students for a check")),
                  ({HAS_TARGET: False}, _("%(actor)s viewed who may be in photos")))),
    EventKind("consent_list_exported", "consent", _("consent list downloaded"),
              _("%(actor)s downloaded who may be in photos in %(target)s")),
    EventKind("consent_data_exported", "consent", _("own consent data downloaded"),
              _("%(actor)s downloaded their own consent data")),
    EventKind("consent_purged", "consent", _("data removed after the retention period"),
              _("After the retention period, the data of students who left were removed")),
    EventKind("guardian_link_made", "consent", _("link for a parent made"),
              _("%(actor)s made a new link for %(target)s")),
    EventKind("guardian_link_mailed", "consent", _("link e-mailed to a parent"),
              _("%(actor)s e-mailed %(target)s their link")),
    EventKind("guardian_link_revoked", "consent", _("parent's link stopped"),
              _("%(actor)s stopped the link of %(target)s")),
    EventKind("guardian_link_used", "consent", _("parent opened their link"),
              _("%(target)s opened their link")),
    EventKind("guardian_link_refused", "consent", _("parent's link refused to someone else"),
              _("%(actor)s opened the link of %(target)s while signed in, and was refused"),
              variants=(({HAS_TARGET: False}, _(
                  "%(actor)s opened a parent's link while signed in, and was refused")),)),
    EventKind("guardian_page_submitted", "consent", _("parent saved their choices"),
              _("%(target)s saved their choices (%(decisions)s changed)")),
    EventKind("guardian_letter_printed", "consent", _("letter for a parent made"),
              _("%(actor)s made a letter with a new link for %(target)s"),
              variants=(({HAS_TARGET: False}, _("%(actor)s made a letter for a parent")),)),
    EventKind("student_link_made", "consent", _("letter for a student made"),
              _("%(actor)s made a letter with a new link for %(target)s")),
    EventKind("student_link_used", "consent", _("student opened their link"),
              _("%(target)s opened their own link")),
    EventKind("student_link_refused", "consent", _("student's link refused to someone else"),
              _("%(actor)s opened the link of %(target)s while signed in, and was refused")),
    EventKind("student_page_submitted", "consent", _("student saved their choices"),
              _("%(target)s saved their own choices (%(decisions)s changed)")),
    # --- people and groups -----------------------------------------------------------------
    EventKind("person_viewed", "people", _("person viewed"),
              _("%(actor)s viewed the details of %(target)s"),
              variants=(({HAS_TARGET: False}, _("%(actor)s viewed a person's details")),)),
    EventKind("people_listed", "people", _("list of people viewed"),
              _("%(actor)s viewed the people of %(target)s"),
              variants=(({HAS_TARGET: False}, _("%(actor)s viewed a list of people")),)),
    EventKind("students_imported", "people", _("students imported"),
              _("%(actor)s imported the student administration's export")),
    # --- roles and access ------------------------------------------------------------------
    EventKind("role_changed", "roles", _("role changed"),
              _("%(actor)s changed the role of %(target)s from %(from)s to %(to)s"),
              types={"from": "role", "to": "role"}),
    EventKind("groups_linked", "roles", _("groups of a staff member changed"),
              _("%(actor)s changed the groups %(target)s teaches")),
    EventKind("all_groups_granted", "roles", _("access to every group granted"),
              _("%(actor)s allowed %(target)s to see every group"),
              variants=(({HAS_TARGET: False}, _(
                  "%(actor)s allowed a staff member to see every group")),)),
    EventKind("all_groups_withdrawn", "roles", _("access to every group withdrawn"),
              _("%(actor)s withdrew the access of %(target)s to every group"),
              variants=(({HAS_TARGET: False}, _(
                  "%(actor)s withdrew a staff member's access to every group")),)),
    EventKind("access_refused", "roles", _("access refused"),
              _("%(actor)s was refused access to %(object)s"),
              variants=(({"kind": MISSING}, _("%(actor)s was refused access to a page")),)),
    # --- accounts --------------------------------------------------------------------------
    EventKind("sign_in", "accounts", _("signed in"), _("%(actor)s signed in")),
    EventKind("sign_in_failed", "accounts", _("sign-in failed"),
              _("Signing in as %(email)s failed")),
    EventKind("sign_out", "accounts", _("signed out"), _("%(actor)s signed out")),
    EventKind("locked_out", "accounts", _("locked out"),
              _("Signing in as %(email)s was blocked after too many failed attempts")),
    EventKind("two_factor_enrolled", "accounts", _("two-factor sign-in set up"),
              _("%(actor)s set up two-factor sign-in")),
    EventKind("two_factor_verified", "accounts", _("correct two-factor code"),
              _("%(actor)s entered a correct two-factor code"),
              variants=(({"during": "role_change"}, _(
                  "%(actor)s confirmed a role change with their two-factor code")),)),
    EventKind("two_factor_failed", "accounts", _("wrong two-factor code"),
              _("%(actor)s entered a wrong two-factor code"),
              variants=(({"during": "role_change"}, _(
                  "%(actor)s entered a wrong two-factor code to confirm a role change")),)),
    EventKind("invitation_sent", "accounts", _("invitation sent"),
              _("%(actor)s invited %(target)s to Protocolwijzer")),
    EventKind("invitation_accepted", "accounts", _("invitation accepted"),
              _("%(actor)s accepted their invitation and made an account")),
    EventKind("password_reset_requested", "accounts", _("new password asked for"),
              _("A new password was asked for %(email)s")),
    EventKind("password_reset", "accounts", _("new password chosen"),
              _("%(actor)s chose a new password with a mailed link")),
    # --- checks and protocol ---------------------------------------------------------------
    EventKind("check_run", "checks", _("check run"),
              _("%(actor)s ran a check: %(verdict)s")),
    EventKind("protocol_acknowledged", "checks", _("protocol read and confirmed"),
              _("%(actor)s confirmed reading the protocol"),
              # A parent without an account confirms from their guardian link (issue 16).
              variants=(({"guardian": PRESENT},
                         _("%(guardian)s confirmed reading the protocol with their "
                           "guardian link")),)),
    # --- the audit log ---------------------------------------------------------------------
    EventKind("audit_log_viewed", "audit", _("audit log viewed"),
              _("%(actor)s viewed the audit log"),
              variants=(({"person": PRESENT},
                         _("%(actor)s viewed the audit log about %(person)s")),)),
)
