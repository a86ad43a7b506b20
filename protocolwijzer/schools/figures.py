"""The figures the MR discusses (issue 14): counts only, never a name, and small counts
hidden.

- checks per article and verdict: which articles people run into, and how it ended;
- consent per purpose: how many pupils have an answer, and how many of them said yes;
- take-down tasks: how many the school had, and how many were done in time.

Small counts are hidden (``SMALL``): a count from 1 to 4 shows as "fewer than 5", and a
share is not shown when the part or the rest is such a count, because "24 of 25 said yes"
tells a class who the one is. Zero stays zero: it names nobody. See docs/interpretations.md.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.guardian import answered_purposes
from protocolwijzer.consent.lists import class_list
from protocolwijzer.consent.models import Purpose
from protocolwijzer.consent.register import school_year_start
from protocolwijzer.schools.models import Person, School

SMALL = 5  # counts below this (and above zero) are hidden


def is_hidden(count: int) -> bool:
    return 0 < count < SMALL


@dataclass(frozen=True)
class Count:
    """A count as the MR sees it: the number, or "fewer than 5"."""

    value: int

    @property
    def hidden(self) -> bool:
        return is_hidden(self.value)

    def __str__(self) -> str:
        return _("fewer than %(small)s") % {"small": SMALL} if self.hidden else str(self.value)


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole``, as a percentage unless that would point at a few people."""

    part: int
    whole: int

    @property
    def hidden(self) -> bool:
        return self.whole == 0 or is_hidden(self.part) or is_hidden(self.whole - self.part)

    @property
    def percent(self) -> int | None:
        return None if self.hidden else round(100 * self.part / self.whole)


VERDICTS = tuple(CheckRecord.Verdict)


@dataclass(frozen=True)
class ArticleRow:
    article: str
    title: str
    counts: list[Count]  # in the order of VERDICTS
    total: Count


@dataclass(frozen=True)
class PurposeRow:
    purpose: Purpose
    answered: Share  # pupils with an answer that counts, of all pupils
    given: Share  # pupils who may be shown, of those with an answer


@dataclass(frozen=True)
class TakedownFigures:
    """Take-down tasks made in the period (not counting those no longer needed)."""

    total: Count
    in_time: Count  # removed or replaced by the due date
    late: Count  # done, after the due date
    open: Count  # not done yet, not yet due
    overdue: Count  # not done yet, past the due date
    in_time_share: Share  # done in time, of the tasks that are done or overdue


@dataclass(frozen=True)
class SchoolFigures:
    school: School
    checks: Count
    by_verdict: list[Count]
    articles: list[ArticleRow]
    pupils: Count
    purposes: list[PurposeRow]
    takedowns: TakedownFigures


def school_year(start_year: int) -> tuple[datetime.date, datetime.date]:
    """1 August ``start_year`` up to (not including) 1 August a year later."""
    start = school_year_start(datetime.date(start_year, 12, 31))
    return start, start.replace(year=start.year + 1)


def _article_titles(school: School) -> dict[str, str]:
    if school.protocol is None:
        return {}
    from protocolwijzer.engine.explain import localize

    protocol = school.protocol.engine_protocol()
    return {a.id: localize(a.title) if getattr(a, "title", None) else ""
            for a in protocol.iter_articles()}


def _check_figures(school: School, start: datetime.date, end: datetime.date,
                   ) -> tuple[Count, list[Count], list[ArticleRow]]:
    records = CheckRecord.objects.filter(school=school, created_at__date__gte=start,
                                         created_at__date__lt=end)
    by_verdict: Counter[str] = Counter()
    by_article: dict[str, Counter[str]] = {}
    for verdict, articles in records.values_list("verdict", "articles"):
        by_verdict[verdict] += 1
        for article in dict.fromkeys(articles or ()):
            by_article.setdefault(article, Counter())[verdict] += 1
    titles = _article_titles(school)
    order = {article: index for index, article in enumerate(titles)}
    rows = [ArticleRow(article, titles.get(article, ""),
                       [Count(counts[v]) for v in VERDICTS], Count(sum(counts.values())))
            for article, counts in sorted(by_article.items(),
                                          key=lambda item: (order.get(item[0], len(order)),
                                                            item[0]))]
    return (Count(sum(by_verdict.values())), [Count(by_verdict[v]) for v in VERDICTS], rows)


def _consent_figures(school: School, day: datetime.date) -> tuple[Count, list[PurposeRow]]:
    students = Person.objects.filter(school=school, role=Person.Role.LEERLING, is_active=True)
    result = class_list(students, day)
    answered = answered_purposes([row.student for row in result.rows], day)
    rows = []
    for column, purpose in enumerate(result.purposes):
        with_answer = [row for row in result.rows if purpose.pk in answered[row.student.pk]]
        may = sum(row.statuses[column].may_appear for row in with_answer)
        rows.append(PurposeRow(purpose, Share(len(with_answer), len(result.rows)),
                               Share(may, len(with_answer))))
    return Count(len(result.rows)), rows


def takedowns_in_year(school: School, start: datetime.date, end: datetime.date,
                      today: datetime.date) -> TakedownFigures:
    from protocolwijzer.publications.actions import takedown_figures

    counts = takedown_figures(school, since=start, until=end, today=today)
    not_due = counts.open - counts.overdue
    return TakedownFigures(
        Count(counts.done_in_time + counts.done_late + counts.open),
        Count(counts.done_in_time), Count(counts.done_late), Count(not_due),
        Count(counts.overdue),
        Share(counts.done_in_time, counts.done_in_time + counts.done_late + counts.overdue))


def figures_for(school: School, start_year: int, today: datetime.date) -> SchoolFigures:
    """The MR's figures for ``school``: checks and take-down tasks in the school year
    starting 1 August ``start_year``; consent as it stands ``today``."""
    start, end = school_year(start_year)
    checks, by_verdict, articles = _check_figures(school, start, end)
    pupils, purposes = _consent_figures(school, today)
    return SchoolFigures(school, checks, by_verdict, articles, pupils, purposes,
                         takedowns_in_year(school, start, end, today))
