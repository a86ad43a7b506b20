"""A case's history in words, for its page: who did what when, with the step's detail
(names only of people linked to the case, whom the reader of the page handles)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.incidents.models import Case, CasePerson, Duty

WHAT: dict[str, Promise] = {
    "opened": gettext_lazy("case opened"),
    "handler_assigned": gettext_lazy("handler chosen"),
    "person_linked": gettext_lazy("person linked"),
    "triaged": gettext_lazy("triaged against the protocol"),
    "articles_set": gettext_lazy("articles corrected"),
    "severity_set": gettext_lazy("severity recorded"),
    "duty_added": gettext_lazy("duty added"),
    "measure_recorded": gettext_lazy("measure recorded"),
    "duty_done": gettext_lazy("duty done"),
    "duty_waived": gettext_lazy("duty waived"),
    "closed": gettext_lazy("case closed"),
    "shared": gettext_lazy("case shared"),
}


@dataclass(frozen=True)
class Line:
    at: datetime.datetime
    actor: str
    what: str
    detail: str


def _value(key: str, value: Any, names: dict[int, str]) -> str:
    if key == "person":
        return names.get(int(value), _("someone no longer linked"))
    if key == "part" and value in CasePerson.Part.values:
        return str(CasePerson.Part(value).label)
    if key == "duty" and value in Duty.Kind.values:
        return str(Duty.Kind(value).label)
    if key == "severity" and value in Case.Severity.values:
        return str(Case.Severity(value).label)
    if key == "channel":
        from protocolwijzer.incidents.models import Report

        return str(Report.Channel(value).label) if value in Report.Channel.values else value
    if key in ("decided_on", "done_on"):
        try:
            return formats.date_format(datetime.date.fromisoformat(str(value)), "j F Y")
        except ValueError:
            return str(value)
    if key == "verdict":
        from protocolwijzer.engine.explain import verdict_label

        try:
            return verdict_label(str(value))
        except KeyError:
            return str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


def history_lines(case: Case) -> list[Line]:
    names = {link.person_id: link.person.full_name
             for link in case.people.select_related("person")}
    if case.handler is not None:
        names[case.handler.pk] = case.handler.full_name
    lines = []
    for event in case.history.select_related("actor"):
        actor = (event.actor.name or event.actor.email) if event.actor else _("Protocolwijzer")
        detail = " · ".join(_value(key, value, names) for key, value in event.detail.items()
                            if key not in ("protocol", "version"))
        lines.append(Line(event.at, actor, str(WHAT.get(event.kind, event.kind)), detail))
    return lines
