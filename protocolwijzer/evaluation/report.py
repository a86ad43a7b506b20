"""The yearly evaluation of a school's protocol (issue 16): what happened under it in one
school year (1 August to 31 July), in counts, for the schoolleiding and the MR.

- checks per article and verdict;
- incidents per article broken and role, and the measures taken per article and role;
- consent: per purpose, how many pupils answered, and how many of those said yes;
- take-down tasks: done in time, late, overdue;
- articles no one ran into, and articles broken most often;
- questions staff asked their leidinggevende (Roermond B.2/B.3, Willibrord B.3/B.4).

Counts only, never a name. Small counts are hidden by the one rule of the MR's figures
(``schools.figures``: ``Count`` and ``Share``; ``incidents.figures.shown`` writes "<5"),
in every cell of the page, the PDF and the CSV. A total is left out where a count it
adds up is hidden, because the difference would show that count (docs/interpretations.md).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.engine.protocol import Protocol, localize
from protocolwijzer.incidents.figures import NOT_KNOWN, ROLE_GROUPS, ROLE_LABELS, shown
from protocolwijzer.incidents.models import Case, CasePerson, Measure, Question
from protocolwijzer.protocols.lifecycle import protocol_in_force
from protocolwijzer.schools.figures import (
    SMALL,
    VERDICTS,
    Count,
    Share,
    school_year,
    takedowns_in_year,
)
from protocolwijzer.schools.models import Person, School

ROLES = ("student", "parent", "staff")
# A check "breaks" an article when its verdict is not a plain yes.
BROKEN_VERDICTS = frozenset({CheckRecord.Verdict.FORBIDDEN, CheckRecord.Verdict.NEEDS_CHANGES})
OFTEN_BROKEN = 5  # how many of the most broken articles the report names


@dataclass(frozen=True)
class Cell:
    """One number as every output shows it: ``text`` is what is printed ("12", "<5",
    "80%"); ``value`` is what a chart may draw, None when the number is hidden."""

    text: str
    hidden: bool
    value: float | None
    is_share: bool = False  # a percentage, not a count


def count_cell(number: int) -> Cell:
    count = Count(number)
    return Cell(shown(count), count.hidden, None if count.hidden else number)


def share_cell(part: int, whole: int) -> Cell:
    """``part`` of ``whole`` as a percentage; hidden when the part or the rest is small."""
    if whole == 0:
        return Cell("–", False, None, is_share=True)  # nothing to count: it names nobody
    share = Share(part, whole)
    if share.percent is None:
        return Cell(_("hidden"), True, None, is_share=True)
    return Cell(f"{share.percent}%", False, share.percent, is_share=True)


def total_cell(cells: Sequence[Cell], number: int) -> Cell:
    """A row's total, left out when it would give a hidden count away.

    Total minus the counts shown is what the hidden counts add up to. With one hidden
    count that is the count itself. With several it pins them down only at the ends: the
    least they can add up to (each 1) or the most (each ``SMALL - 1``). In between, the
    total is shown: "3 articles under 5, together 7" names no count.
    """
    hidden = sum(1 for cell in cells if cell.hidden)
    rest = number - sum(int(cell.value or 0) for cell in cells if not cell.hidden)
    if hidden == 1 or (hidden > 1 and not hidden < rest < hidden * (SMALL - 1)):
        return Cell(_("hidden"), True, None)
    return count_cell(number)


@dataclass(frozen=True)
class Row:
    key: str  # an article id, a purpose code, ...: what the CSV names the row by
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    key: str  # the CSV's section
    title: str
    head: str  # the first column's heading
    columns: list[str]
    rows: list[Row]
    empty: str  # said instead of an empty table
    chart_column: int | None = None  # which column the chart draws, if any
    # What the table's counts add up to (never shown): a year's total equal to it would
    # give away a hidden count (``_sum_of``).
    counted: int = 0
    with_totals: bool = False  # the last cell of each row is the row's total

    def counts(self) -> list[Cell]:
        """Every count of the table, its rows' totals left out."""
        return [cell for row in self.rows
                for cell in (row.cells[:-1] if self.with_totals else row.cells)]


@dataclass(frozen=True)
class YearReport:
    school: School
    start: datetime.date
    end: datetime.date  # not included
    today: datetime.date
    protocol_name: str
    summary: list[tuple[str, Cell]]
    tables: list[Table]
    never_used: list[str]  # "A.3 Title" of the articles no one ran into

    @property
    def label(self) -> str:
        return f"{self.start.year}-{self.end.year}"

    @property
    def is_complete(self) -> bool:
        """Whether the school year is over (else the report is "so far")."""
        return self.today >= self.end

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    def csv_rows(self) -> Iterator[tuple[str, str, str, str]]:
        """(section, row, column, value) for the CSV: the same cells as page and PDF."""
        for label, cell in self.summary:
            yield _("Summary"), label, _("Number"), cell.text
        for table in self.tables:
            for row in table.rows:
                for column, cell in zip(table.columns, row.cells, strict=True):
                    yield table.title, row.label, column, cell.text
        for article in self.never_used:
            yield _("Articles no one ran into"), article, "", ""


def _titles(protocol: Protocol | None) -> dict[str, str]:
    if protocol is None:
        return {}
    return {a.id: localize(a.title) if getattr(a, "title", None) else ""
            for a in protocol.iter_articles()}


class _Articles:
    """Article ids in the protocol's order, with their titles."""

    def __init__(self, protocol: Protocol | None) -> None:
        self.titles = _titles(protocol)
        self.order = {article: index for index, article in enumerate(self.titles)}

    def label(self, article: str) -> str:
        title = self.titles.get(article, "")
        return f"{article} {title}".strip() if article else _("no article")

    def sorted(self, articles: Iterable[str]) -> list[str]:
        return sorted(articles, key=lambda a: (self.order.get(a, len(self.order)), a))


def _cross_table(key: str, title: str, head: str, columns: Sequence[tuple[str, str]],
                 counts: dict[str, Counter[str]], articles: _Articles, empty: str) -> Table:
    """Articles by ``columns`` (code, label), with a total per article."""
    rows = []
    for article in articles.sorted(counts):
        cells = [count_cell(counts[article][code]) for code, _label in columns]
        rows.append(Row(article, articles.label(article),
                        [*cells, total_cell(cells, sum(counts[article].values()))]))
    return Table(key, title, head, [str(label) for _code, label in columns] + [_("Total")],
                 rows, empty, chart_column=len(columns),
                 counted=sum(sum(c.values()) for c in counts.values()), with_totals=True)


def _checks(records: list[tuple[str, list[str]]], articles: _Articles) -> Table:
    by_article: dict[str, Counter[str]] = {}
    for verdict, cited in records:
        for article in dict.fromkeys(cited or ()):
            by_article.setdefault(article, Counter())[verdict] += 1
    return _cross_table("checks", _("Checks per article and verdict"), _("Article"),
                        [(v.value, v.label) for v in VERDICTS], by_article, articles,
                        _("No check cited an article in this school year."))


def _role_columns() -> list[tuple[str, str]]:
    return [(code, str(ROLE_LABELS[code])) for code in ROLES]


def _incidents(cases: list[tuple[int, list[str]]], subjects: dict[int, set[str]],
               articles: _Articles) -> Table:
    by_article: dict[str, Counter[str]] = {}
    for case_id, broken in cases:
        for article in dict.fromkeys(broken or ()) or [""]:
            for role in subjects.get(case_id) or {NOT_KNOWN}:
                by_article.setdefault(article, Counter())[role] += 1
    columns = _role_columns()
    if any(NOT_KNOWN in counts for counts in by_article.values()):
        columns.append((NOT_KNOWN, str(ROLE_LABELS[NOT_KNOWN])))
    return _cross_table("incidents", _("Incidents per article broken and role"),
                        _("Article"), columns, by_article, articles,
                        _("No incidents in this school year."))


def _measures(measures: list[tuple[list[str], str, str]], articles: _Articles) -> Table:
    by_article: dict[str, Counter[str]] = {}
    for broken, consequence, role in measures:
        for article in dict.fromkeys(broken or ()) or [consequence]:
            by_article.setdefault(article, Counter())[ROLE_GROUPS.get(role, "staff")] += 1
    return _cross_table("measures", _("Measures per article broken and role"), _("Article"),
                        _role_columns(), by_article, articles,
                        _("No measures were taken in this school year."))


def _questions(asked: list[tuple[str, str, bool]], articles: _Articles) -> Table:
    by_article: dict[str, Counter[str]] = {}
    for article, kind, _answered in asked:
        by_article.setdefault(article, Counter())[kind] += 1
    table = _cross_table("questions", _("Questions staff asked their leidinggevende"),
                         _("Article"), list(Question.Kind.choices), by_article, articles,
                         _("Staff asked no questions in this school year."))
    return table


def _consent(school: School, start: datetime.date, end: datetime.date) -> Table:
    """Per purpose in use: of the pupils at school now, how many had an answer that counted
    in the school year (given before its end; for a purpose asked every year, within it),
    and of those, how many were a yes at the end of the year."""
    pupils = list(Person.objects.filter(school=school, role=Person.Role.LEERLING,
                                        is_active=True).values_list("pk", flat=True))
    purposes = list(Purpose.objects.filter(school=school, is_active=True)
                    .order_by("order", "name"))
    latest: dict[tuple[int, int], str] = {}
    decisions = (Decision.objects.filter(student_id__in=pupils, purpose__in=purposes,
                                         decided_at__date__lt=end)
                 .order_by("decided_at", "pk")
                 .values_list("student_id", "purpose_id", "choice", "decided_at"))
    yearly = {p.pk for p in purposes if p.ask_each_year}
    for student, purpose, choice, decided_at in decisions:
        if purpose in yearly and timezone.localdate(decided_at) < start:
            continue
        latest[(student, purpose)] = choice
    rows = []
    for purpose in purposes:
        answers = [choice for (_s, p), choice in latest.items() if p == purpose.pk]
        given = sum(choice == Decision.Choice.GIVEN for choice in answers)
        rows.append(Row(purpose.code, purpose.name,
                        [count_cell(len(pupils)), share_cell(len(answers), len(pupils)),
                         share_cell(given, len(answers))]))
    return Table("consent", _("Consent per purpose"), _("Purpose"),
                 [_("Pupils"), _("Answered"), _("Yes, of the answers")], rows,
                 _("This school keeps no consent register yet."), chart_column=1)


def _takedowns(school: School, start: datetime.date, end: datetime.date,
               today: datetime.date) -> Table:
    figures = takedowns_in_year(school, start, end, today)
    rows = [Row("in_time", _("Done in time"), [count_cell(figures.in_time.value)]),
            Row("late", _("Done late"), [count_cell(figures.late.value)]),
            Row("overdue", _("Overdue"), [count_cell(figures.overdue.value)]),
            Row("open", _("Open, not yet due"), [count_cell(figures.open.value)])]
    if not figures.total.value:
        rows = []
    else:
        share = figures.in_time_share
        rows.append(Row("in_time_share", _("Share done in time"),
                        [share_cell(share.part, share.whole)]))
    return Table("takedowns", _("Take-down tasks after a withdrawal"), _("Tasks"),
                 [_("Number")], rows, _("No take-down tasks in this school year."),
                 chart_column=0, counted=figures.total.value)


def _often_broken(broken: Counter[str], articles: _Articles) -> Table:
    """The articles broken most often (checks that were not a plain yes, and incidents).
    Hidden counts go last, in the protocol's order: ranking them would tell them apart."""
    shown_first = sorted((a for a in broken if not Count(broken[a]).hidden),
                         key=lambda a: (-broken[a], articles.order.get(a, len(articles.order))))
    hidden = articles.sorted(a for a in broken if Count(broken[a]).hidden)
    chosen = (shown_first + hidden)[:OFTEN_BROKEN]
    return Table("often_broken", _("Articles broken most often"), _("Article"),
                 [_("Times broken")],
                 [Row(a, articles.label(a), [count_cell(broken[a])]) for a in chosen],
                 _("No article was broken in this school year."), chart_column=0)


def _citable(protocol: Protocol | None) -> list[str]:
    """The articles a check, a case or a question can cite: those with a rule or a
    consequence (principles and the target group are read, never cited)."""
    if protocol is None:
        return []
    cited = {rule.article for rule in protocol.rules}
    cited |= {consequence.article for consequence in protocol.consequences}
    return [a.id for a in protocol.iter_articles() if a.id in cited]


def report_for(school: School, start_year: int, today: datetime.date | None = None,
               ) -> YearReport:
    """The evaluation of ``school`` for the school year starting 1 August ``start_year``,
    under the version of its protocol in force on the year's last day (or today, for the
    year under way): the text the MR evaluates."""
    today = today or timezone.localdate()
    start, end = school_year(start_year)
    version = protocol_in_force(school, min(end - datetime.timedelta(days=1), today))
    protocol = version.engine_protocol() if version is not None else None
    articles = _Articles(protocol)

    records = list(CheckRecord.objects.filter(
        school=school, created_at__date__gte=start, created_at__date__lt=end)
        .values_list("verdict", "articles"))
    cases_qs = Case.objects.filter(school=school).filter(
        Q(happened_on__gte=start, happened_on__lt=end)
        | Q(happened_on__isnull=True, opened_at__date__gte=start, opened_at__date__lt=end))
    cases = list(cases_qs.values_list("pk", "articles"))
    subjects: dict[int, set[str]] = {}
    for case_id, role in (CasePerson.objects.filter(case__in=cases_qs,
                                                    part=CasePerson.Part.SUBJECT)
                          .values_list("case_id", "person__role")):
        subjects.setdefault(case_id, set()).add(ROLE_GROUPS.get(role, "staff"))
    measures = list(Measure.objects.filter(case__school=school, decided_on__gte=start,
                                           decided_on__lt=end)
                    .values_list("articles", "article", "person__role"))
    asked = [(article, kind, answered_at is not None) for article, kind, answered_at in
             Question.objects.filter(school=school, asked_at__date__gte=start,
                                     asked_at__date__lt=end)
             .values_list("article", "kind", "answered_at")]

    broken: Counter[str] = Counter()
    for verdict, cited in records:
        if verdict in BROKEN_VERDICTS:
            broken.update(set(cited or ()))
    for _case, cited in cases:
        broken.update(set(cited or ()))
    used = {a for _v, cited in records for a in cited or ()}
    used |= {a for _c, cited in cases for a in cited or ()}
    used |= {a for cited, consequence, _r in measures for a in [*(cited or ()), consequence]}
    used |= {article for article, _k, _a in asked}

    tables = [_checks(records, articles), _often_broken(broken, articles),
              _incidents(cases, subjects, articles), _measures(measures, articles),
              _consent(school, start, end), _takedowns(school, start, end, today),
              _questions(asked, articles)]
    by_key = {table.key: table for table in tables}
    answered = sum(answered for _a, _k, answered in asked)
    summary = [(_("Checks"), _sum_of(by_key["checks"], len(records))),
               (_("Incidents"), _sum_of(by_key["incidents"], len(cases))),
               (_("Measures"), _sum_of(by_key["measures"], len(measures))),
               (_("Questions asked"), _sum_of(by_key["questions"], len(asked))),
               (_("Questions answered"), share_cell(answered, len(asked))),
               (_("Take-down tasks"), _sum_of(by_key["takedowns"],
                                                 by_key["takedowns"].counted))]
    never_used = [articles.label(a) for a in _citable(protocol) if a not in used]
    name = ""
    if version is not None:
        name = f"{version.title} ({version.version})"
    return YearReport(school, start, end, today, name, summary, tables, never_used)


def _sum_of(table: Table, number: int) -> Cell:
    """A year's total of what ``table`` breaks down, left out when the table hides a count
    and its counts add up to the total (one article and one role per incident, say): the
    total minus the counts shown would then give the hidden ones away. Where they do not
    add up (a check citing three articles counts three times), the difference says
    nothing about a hidden count."""
    if table.counted != number:
        return count_cell(number)
    return total_cell(table.counts(), number)


__all__ = ["SMALL", "Cell", "Row", "Table", "YearReport", "report_for"]
