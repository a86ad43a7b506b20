"""Clauses: an article split into what it says, so coverage can be measured per clause.

A normative article binds someone (``who``), somewhere or at some time (``where``), to an
act (``what``), maybe with a stated exception (``unless``); a sanctions article attaches a
``consequence``. The protocol file gives each clause as a verbatim fragment of the article
with the rules, scope entries and consequences that implement it; scenarios name the
clauses they exercise (``A.6/who``). ``protocols coverage`` reports per clause what
implements it and what tests it: a clause no scenario exercises is *uncovered*.

Pure: plain data in, plain data out; no files, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from protocolwijzer.engine import schema
from protocolwijzer.i18n import gettext as _

if TYPE_CHECKING:
    from protocolwijzer.engine.protocol import Protocol

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Clause:
    article: str
    id: str  # who | where | what | unless | consequence, with a digit when there are two
    text: str
    rules: tuple[str, ...]
    scope: tuple[str, ...]
    consequences: tuple[str, ...]

    @property
    def ref(self) -> str:
        """How scenarios name it: ``A.6/who``."""
        return f"{self.article}/{self.id}"

    @property
    def is_implemented(self) -> bool:
        return bool(self.rules or self.scope or self.consequences)


def iter_clauses(model: schema.ProtocolModel) -> Iterator[Clause]:
    """Every clause of the protocol, in reading order."""
    for section in model.sections:
        for article in section.articles:
            for clause in article.clauses:
                yield Clause(article.id, clause.id, clause.text, tuple(clause.rules),
                             tuple(clause.scope), tuple(clause.consequences))


def clause_refs(model: schema.ProtocolModel) -> frozenset[str]:
    return frozenset(clause.ref for clause in iter_clauses(model))


def clause_problems(model: schema.ProtocolModel, rule_ids: Iterable[str]
                    ) -> list[tuple[Path, str]]:
    """What is wrong with the clauses of a validated protocol model: a fragment that is not
    in its article, an id used twice in one article, a rule, scope entry or consequence
    that does not exist. Each problem with the path of the field it concerns."""
    known_rules = set(rule_ids)
    scoped = {item.article for item in model.scope}
    consequential = {item.article for item in model.consequences}
    problems: list[tuple[Path, str]] = []
    for s_index, section in enumerate(model.sections):
        for a_index, article in enumerate(section.articles):
            seen: set[str] = set()
            for c_index, clause in enumerate(article.clauses):
                path: Path = ("sections", s_index, "articles", a_index, "clauses", c_index)
                if clause.id in seen:
                    problems.append(((*path, "id"), _(
                        "The clause '%(clause)s' is used twice in article %(article)s; number "
                        "the second one, such as what2.")
                        % {"clause": clause.id, "article": article.id}))
                seen.add(clause.id)
                if clause.text not in article.text:
                    problems.append(((*path, "text"), _(
                        "The text of clause %(article)s/%(clause)s is not in the article; "
                        "quote the article word for word.")
                        % {"article": article.id, "clause": clause.id}))
                for kind, names, known in (("rules", clause.rules, known_rules),
                                           ("scope", clause.scope, scoped),
                                           ("consequences", clause.consequences,
                                            consequential)):
                    for n_index, name in enumerate(names):
                        if name not in known:
                            problems.append(((*path, kind, n_index), _missing(kind, name)))
    return problems


def _missing(kind: str, name: str) -> str:
    if kind == "rules":
        return _("There is no rule with the id '%(id)s' in this protocol.") % {"id": name}
    if kind == "scope":
        return _("There is no scope entry for article '%(id)s' in this protocol.") % {
            "id": name}
    return _("There is no consequence for article '%(id)s' in this protocol.") % {"id": name}


# -- coverage --------------------------------------------------------------------------

@dataclass(frozen=True)
class ClauseCoverage:
    clause: Clause
    scenarios: tuple[str, ...]  # ids of the scenarios that name it

    @property
    def is_covered(self) -> bool:
        return bool(self.scenarios)


@dataclass(frozen=True)
class ArticleCoverage:
    article: str
    kind: str
    clauses: tuple[ClauseCoverage, ...]

    @property
    def needs_rules(self) -> bool:
        return self.kind == "normative"

    @property
    def is_split(self) -> bool:
        return bool(self.clauses)


@dataclass(frozen=True)
class Coverage:
    protocol: str
    articles: tuple[ArticleCoverage, ...]
    scenarios: int  # how many scenarios were read
    untagged: tuple[str, ...]  # scenarios that name no clause
    # Rules no clause names, when the protocol is split into clauses at all: a rule that
    # implements nothing the text says, or a clause that forgot to name it.
    orphan_rules: tuple[str, ...] = ()

    def _normative(self) -> Iterator[ClauseCoverage]:
        for article in self.articles:
            if article.needs_rules:
                yield from article.clauses

    @property
    def normative_clauses(self) -> int:
        return sum(1 for _clause in self._normative())

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Clauses of normative articles that no scenario exercises."""
        return tuple(c.clause.ref for c in self._normative() if not c.is_covered)

    @property
    def unimplemented(self) -> tuple[str, ...]:
        """Clauses of normative articles that no rule, scope entry or consequence
        implements."""
        return tuple(c.clause.ref for c in self._normative() if not c.clause.is_implemented)

    @property
    def unsplit(self) -> tuple[str, ...]:
        """Normative articles not split into clauses: nothing can be said of their parts."""
        return tuple(a.article for a in self.articles if a.needs_rules and not a.is_split)

    @property
    def is_complete(self) -> bool:
        """Every normative article split, each clause implemented and exercised."""
        return not (self.uncovered or self.unimplemented or self.unsplit
                    or self.orphan_rules)


def clause_coverage(protocol: Protocol, scenarios: Iterable[tuple[str, Iterable[str]]]
                    ) -> Coverage:
    """Per article and clause, the scenarios that exercise it.

    ``scenarios`` gives, per scenario, its id and the clauses it names (``A.6/who``).
    """
    by_clause: dict[str, list[str]] = {}
    count = 0
    untagged = []
    for scenario_id, refs in scenarios:
        count += 1
        named = list(refs)
        if not named:
            untagged.append(scenario_id)
        for ref in named:
            by_clause.setdefault(ref, []).append(scenario_id)
    clauses_by_article: dict[str, list[Clause]] = {}
    for clause in iter_clauses(protocol.model):
        clauses_by_article.setdefault(clause.article, []).append(clause)
    articles = tuple(
        ArticleCoverage(article.id, article.kind, tuple(
            ClauseCoverage(clause, tuple(by_clause.get(clause.ref, ())))
            for clause in clauses_by_article.get(article.id, ())))
        for article in protocol.iter_articles())
    implemented = {rule for article_clauses in clauses_by_article.values()
                   for clause in article_clauses for rule in clause.rules}
    orphans = tuple(rule.id for rule in protocol.rules
                    if implemented and rule.id not in implemented)
    return Coverage(protocol.id, articles, count, tuple(untagged), orphans)
