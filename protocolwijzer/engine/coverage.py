"""The coverage report of ``protocols coverage``: per article what implements it, per
clause the rules, scope entries and consequences behind it and the scenarios that exercise
it. Read by beheerders and developers, not by students (``texts.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from protocolwijzer.engine.clauses import clause_coverage
from protocolwijzer.engine.explain import kind_label
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.i18n import gettext as _


def coverage(protocol: Protocol, scenarios: Iterable[tuple[str, Iterable[str]]] = ()
             ) -> dict[str, Any]:
    """Per article: what implements it; per clause: the rules, scope entries and
    consequences that implement it and the scenarios that exercise it (``scenarios`` gives
    each scenario's id and the clauses it names). The ``summary`` says what is missing."""
    result = clause_coverage(protocol, scenarios)
    evaluation_article = protocol.model.evaluation.article
    rows = []
    for article, covered in zip(protocol.iter_articles(), result.articles, strict=True):
        rows.append({
            "article": article.id,
            "kind": article.kind,
            "needs_rules": covered.needs_rules,
            "rules": [rule.id for rule in protocol.rules_for_article(article.id)],
            "consequences": [f"{c.kind}:{c.article}" for c in protocol.consequences
                             if c.article == article.id],
            "scope": [f"scope:{s.article}" for s in protocol.scope if s.article == article.id],
            "lifecycle": ["evaluation"] if evaluation_article == article.id else [],
            "clauses": [{
                "clause": item.clause.ref, "id": item.clause.id, "text": item.clause.text,
                "rules": list(item.clause.rules), "scope": list(item.clause.scope),
                "consequences": list(item.clause.consequences),
                "scenarios": list(item.scenarios),
                "implemented": item.clause.is_implemented, "covered": item.is_covered,
            } for item in covered.clauses],
        })
    uncovered = list(result.uncovered)
    return {
        "protocol": protocol.id,
        "articles": rows,
        "summary": {
            "scenarios": result.scenarios,
            "untagged_scenarios": list(result.untagged),
            "normative_clauses": result.normative_clauses,
            "covered": result.normative_clauses - len(uncovered),
            "uncovered": uncovered,
            "unimplemented": list(result.unimplemented),
            "unsplit": list(result.unsplit),
            "orphan_rules": list(result.orphan_rules),
            "complete": result.is_complete,
        },
    }


def format_coverage(report: dict[str, Any], protocol: Protocol) -> str:
    """The coverage report for people: normative articles clause by clause, then the
    articles that need no rules, then what is missing."""
    summary = report["summary"]
    lines = [_("Coverage per clause: %(protocol)s") % {"protocol": report["protocol"]},
             _("%(covered)s of %(total)s clauses of normative articles are exercised by a "
               "scenario (%(scenarios)s scenarios read).")
             % {"covered": summary["covered"], "total": summary["normative_clauses"],
                "scenarios": summary["scenarios"]}]
    rules = {rule.id: rule for rule in protocol.rules}

    def rule_label(rule_id: str, article_id: str) -> str:
        rule = rules[rule_id]
        if article_id == rule.article or (rule.exception is not None
                                          and article_id == rule.exception.article):
            return rule_id
        return f"{rule_id} ({rule.article})"

    def article_lines(row: dict[str, Any]) -> list[str]:
        out = [f"{row['article']} [{kind_label(row['kind'])}]"]
        if row["needs_rules"] and not row["clauses"]:
            out.append("  ✗ " + _("not split into clauses"))
        for clause in row["clauses"]:
            out.append(f"  {clause['clause']}  \"{clause['text']}\"")
            implemented = [rule_label(r, row["article"]) for r in clause["rules"]]
            if implemented:
                out.append("      " + _("rules: %(ids)s") % {"ids": ", ".join(implemented)})
            if clause["scope"]:
                out.append("      " + _("scope: %(ids)s") % {"ids": ", ".join(clause["scope"])})
            if clause["consequences"]:
                out.append("      " + _("sanctions: %(ids)s")
                           % {"ids": ", ".join(clause["consequences"])})
            if not clause["implemented"] and row["needs_rules"]:
                out.append("      ✗ " + _("no rule, scope entry or consequence implements it"))
            if clause["covered"]:
                out.append("      " + _("scenarios: %(ids)s")
                           % {"ids": ", ".join(clause["scenarios"])})
            else:  # a test is only owed for what binds people
                mark = "✗" if row["needs_rules"] else "-"
                out.append(f"      {mark} " + _("uncovered: no scenario exercises this clause"))
        return out

    lines += ["", _("Normative articles")]
    for row in report["articles"]:
        if row["needs_rules"]:
            lines += article_lines(row)
    lines += ["", _("Articles that need no rules (informative and procedural)")]
    for row in report["articles"]:
        if not row["needs_rules"]:
            lines += ["  " + line for line in article_lines(row)]
    lines.append("")
    for key, label in (("uncovered", _("Uncovered clauses: %(ids)s")),
                       ("unimplemented", _("Clauses no rule implements: %(ids)s")),
                       ("unsplit", _("Normative articles not split into clauses: %(ids)s")),
                       ("orphan_rules", _("Rules no clause names: %(ids)s")),
                       ("untagged_scenarios", _("Scenarios that name no clause: %(ids)s"))):
        if summary[key]:
            lines.append(label % {"ids": ", ".join(summary[key])})
    if summary["complete"]:
        lines.append(_("Every clause of a normative article is implemented and exercised by "
                       "a scenario."))
    return "\n".join(lines) + "\n"
