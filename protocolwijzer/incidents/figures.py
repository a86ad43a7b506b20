"""The school's figures about incidents (issue 15): how many cases per article broken, per
kind (severity), per role of the person whose behaviour was judged, and per month, for the
protocol's yearly evaluation and the social-safety monitoring (Wet veiligheid op school).

Counts only, never a name, with the MR figures' rule for small counts (schools/figures.py):
a count from 1 to 4 is hidden and shows as "<5". Roles are counted as pupil, parent or
staff, never by a staff member's function: "schoolleiding: 1" would name someone.

A case counts in the school year of the day it happened (the day it was opened when that
is not known); a case with two broken articles counts once for each, and once for each
role among the people whose behaviour was judged.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.engine.protocol import localize
from protocolwijzer.incidents.models import Case, CasePerson
from protocolwijzer.schools.figures import SMALL, Count, school_year
from protocolwijzer.schools.models import Person, School

R = Person.Role
NOT_KNOWN = "-"
ROLE_GROUPS = {R.LEERLING: "student", R.OUDER: "parent"}  # everyone else is staff
ROLE_LABELS = {"student": gettext_lazy("pupil"), "parent": gettext_lazy("parent or guardian"),
               "staff": gettext_lazy("staff member"),
               NOT_KNOWN: gettext_lazy("nobody linked yet")}


def shown(count: Count) -> str:
    """A count as the figures show it: the number, or "<5"."""
    return f"<{SMALL}" if count.hidden else str(count.value)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: Count

    @property
    def shown(self) -> str:
        return shown(self.count)


@dataclass(frozen=True)
class IncidentFigures:
    school: School
    start: datetime.date
    end: datetime.date  # not included
    total: Count
    by_article: list[Row]
    by_kind: list[Row]
    by_role: list[Row]
    by_month: list[Row]

    @property
    def total_shown(self) -> str:
        return shown(self.total)

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [(_("Article"), self.by_article), (_("Kind"), self.by_kind),
                (_("Role"), self.by_role), (_("Month"), self.by_month)]

    def csv_rows(self) -> Iterator[tuple[str, str, str]]:
        """(by what, which, how many) for the CSV download."""
        yield _("All"), _("Incidents"), self.total_shown
        for by, rows in self.tables():
            for row in rows:
                yield by, row.label, row.shown


def _months(start: datetime.date) -> list[datetime.date]:
    return [datetime.date(start.year + (start.month - 1 + n) // 12,
                          (start.month - 1 + n) % 12 + 1, 1) for n in range(12)]


def _article_titles(school: School) -> dict[str, str]:
    if school.protocol is None:
        return {}
    protocol = school.protocol.engine_protocol()
    return {a.id: localize(a.title) for a in protocol.iter_articles()}


def figures_for(school: School, start_year: int) -> IncidentFigures:
    """The figures of ``school`` for the school year starting 1 August ``start_year``."""
    start, end = school_year(start_year)
    cases = Case.objects.filter(school=school).filter(
        Q(happened_on__gte=start, happened_on__lt=end)
        | Q(happened_on__isnull=True, opened_at__date__gte=start, opened_at__date__lt=end))
    rows = list(cases.values_list("pk", "articles", "severity", "happened_on", "opened_at"))
    subjects: dict[int, set[str]] = {}
    for case_id, role in (CasePerson.objects.filter(case__in=cases,
                                                    part=CasePerson.Part.SUBJECT)
                          .values_list("case_id", "person__role")):
        subjects.setdefault(case_id, set()).add(ROLE_GROUPS.get(role, "staff"))

    articles: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    months: Counter[datetime.date] = Counter()
    for case_id, broken, severity, happened_on, opened_at in rows:
        for article in dict.fromkeys(broken or ()):
            articles[article] += 1
        kinds[severity or NOT_KNOWN] += 1
        for role in subjects.get(case_id) or {NOT_KNOWN}:
            roles[role] += 1
        day = happened_on or timezone.localdate(opened_at)
        months[day.replace(day=1)] += 1

    titles = _article_titles(school)
    order = {article: index for index, article in enumerate(titles)}
    by_article = [Row(a, f"{a} {titles[a]}".strip() if titles.get(a) else a, Count(n))
                  for a, n in sorted(articles.items(),
                                     key=lambda item: (order.get(item[0], len(order)),
                                                       item[0]))]
    severities = [(code, str(label)) for code, label in Case.Severity.choices]
    by_kind = [Row(code, label, Count(kinds[code])) for code, label in
               [*severities, (NOT_KNOWN, _("not classified yet"))]
               if code != NOT_KNOWN or kinds[code]]
    by_role = [Row(code, str(ROLE_LABELS[code]), Count(roles[code]))
               for code in ("student", "parent", "staff", NOT_KNOWN)
               if code != NOT_KNOWN or roles[code]]
    by_month = [Row(month.isoformat()[:7], formats.date_format(month, "F Y"),
                    Count(months[month])) for month in _months(start)]
    return IncidentFigures(school, start, end, Count(len(rows)), by_article, by_kind,
                           by_role, by_month)
