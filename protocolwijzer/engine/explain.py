"""Words for people: verdicts, protocols per role, coverage and diffs as readable text.

Kept apart from the decision logic so that the engine decides and this module only tells.
Every sentence goes through gettext; the protocol's own texts come from the protocol file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from protocolwijzer.engine.evaluate import Finding, Verdict
from protocolwijzer.engine.protocol import Article, Protocol, localize
from protocolwijzer.i18n import gettext as _

if TYPE_CHECKING:  # a check does not load the diff (a one-off check starts faster)
    from protocolwijzer.engine.diff import DiffGroup, ProtocolDiff


def role_label(role: str) -> str:
    return {"staff": _("staff member"), "student": _("student"), "parent": _("parent"),
            "other": _("other person involved")}.get(role, role)


def kind_label(kind: str) -> str:
    return {"normative": _("normative"), "informative": _("informative"),
            "procedural": _("procedural")}[kind]


def verdict_label(verdict: str) -> str:
    return {"allowed": _("Allowed"), "forbidden": _("Not allowed"),
            "needs_changes": _("Allowed after changes"),
            "out_of_scope": _("Outside this protocol")}[verdict]


def effect_label(effect: str) -> str:
    return {"forbidden": _("not allowed"), "allowed": _("allowed"),
            "obligation": _("must"), "advice": _("advice")}[effect]


def personal_data_label(kind: str) -> str:
    return {"name": _("name"), "phone": _("phone number"), "email": _("e-mail address"),
            "address": _("address"), "postcode": _("postcode"), "bsn": _("BSN"),
            "date": _("date of birth"), "iban": _("bank account (IBAN)"),
            "health": _("health information"), "student_number": _("student number"),
            "other": _("personal information")}.get(kind, kind)


def _quote(protocol: Protocol, article_id: str) -> str:
    article = protocol.articles.get(article_id)
    return article.text if article else ""


def format_verdict(verdict: Verdict, protocol: Protocol) -> str:
    lines = [_("Verdict: %(verdict)s") % {"verdict": verdict_label(verdict.verdict)},
             _("Protocol: %(title)s — %(organisation)s, version %(version)s")
             % {"title": protocol.title, "organisation": protocol.organisation,
                "version": protocol.version}]
    headings: tuple[tuple[Callable[[Finding], bool], str, str], ...] = (
        (lambda f: f.effect == "forbidden", _("What is not allowed"), "✗"),
        (lambda f: f.effect == "obligation" and not f.met, _("What you must change"), "!"),
        (lambda f: f.effect == "advice" and verdict.verdict == "out_of_scope",
         _("Why"), "i"),
        (lambda f: f.met is True, _("What is in order"), "✓"),
        (lambda f: f.effect == "advice" and verdict.verdict != "out_of_scope",
         _("Advice"), "i"),
    )
    for matches, heading, mark in headings:
        findings = [f for f in verdict.findings if matches(f)]
        if not findings:
            continue
        lines += ["", heading]
        for finding in findings:
            lines.append(f"  {mark} {finding.article}: {finding.message}")
            if finding.fix:
                lines.append("    " + _("What you can do: %(fix)s") % {"fix": finding.fix})
            cited = [finding.article]
            if finding.exception_article and finding.exception_article != finding.article:
                cited.append(finding.exception_article)
            for article_id in cited:
                lines.append("    " + _('Article %(id)s: "%(text)s"')
                             % {"id": article_id, "text": _quote(protocol, article_id)})
    analysis = verdict.analysis
    if analysis is not None and analysis.personal_data:
        lines += ["", _("Found in your text")]
        for span in analysis.personal_data:
            lines.append(f"  - {personal_data_label(span.kind)}: \"{span.text}\"")
    if verdict.consequences:
        lines += ["", _("What may follow (sanctions)")]
        for consequence in verdict.consequences:
            lines.append(f"  {consequence.article}: {consequence.text}")
            if consequence.measures:
                # Possible measures, after the article's sentence that makes them depend on
                # how serious it was (issue 11, point 9): not the heaviest as the outcome.
                if consequence.measures_quote:
                    lines.append("    " + _('Article %(id)s: "%(text)s"')
                                 % {"id": consequence.article,
                                    "text": consequence.measures_quote})
                lines.append("    " + _("Possible measures, mildest first: %(measures)s")
                             % {"measures": ", ".join(consequence.measures_mildest_first
                                                      or consequence.measures)})
            if consequence.contact:
                lines.append("    " + _("Phone: %(contact)s") % {"contact": consequence.contact})
    return "\n".join(lines) + "\n"


def articles_for_role(protocol: Protocol, role: str,
                      articles: Iterable[Article]) -> list[tuple[Article, list[str]]]:
    """The articles that concern ``role``, each with what they mean for it in plain words."""
    result = []
    for article in articles:
        lines = []
        for rule in protocol.rules_for_article(article.id):
            if role not in rule.roles:
                continue
            line = f"{effect_label(rule.effect)}: {localize(rule.message)}"
            if rule.exception is not None and rule.exception.message:
                line += " " + _("Unless: %(exception)s") % {
                    "exception": localize(rule.exception.message)}
            if line not in lines:
                lines.append(line)
        for consequence in protocol.consequences:
            if consequence.article == article.id and role in consequence.roles:
                lines.append(localize(consequence.text))
        if lines or role in article.roles:
            result.append((article, lines))
    return result


def _dimension_label(name: str) -> str:
    return {
        "actor.role": _("who"), "context": _("context"), "permission": _("permission"),
        "action": _("action"), "channel": _("channel"), "account": _("account"),
        "target": _("target"), "target.account": _("target account"),
        "text.abuse": _("abusive text"), "text.personal_data": _("personal data in text"),
        "text.own_opinion_disclaimer": _("own-opinion disclaimer"),
        "text.third_party_disclaimer": _("third-party disclaimer"),
        "text.employee_mention": _("employee mention"), "media": _("media"),
    }.get(name, name)


def _side_text(protocol_id: str, verdict: str, articles: tuple[str, ...],
               consequences: tuple[str, ...]) -> str:
    text = f"{protocol_id}: {verdict_label(verdict)}"
    if articles:
        text += " — " + _("articles %(articles)s") % {"articles": ", ".join(articles)}
    if consequences:
        text += " — " + _("sanctions %(articles)s") % {"articles": ", ".join(consequences)}
    return text


def _describe(group: DiffGroup) -> str:
    parts = []
    for name, values in group.common.items():
        shown = ", ".join("-" if v is None else str(v).lower() for v in values)
        parts.append(f"{_dimension_label(name)}={shown}")
    return "; ".join(parts)


def format_diff(result: ProtocolDiff, left: Protocol, right: Protocol) -> str:
    lines = [_("Behavioural differences between %(left)s and %(right)s")
             % {"left": left.id, "right": right.id},
             _("%(compared)s situations compared, %(differing)s decided differently, in "
               "%(groups)s groups.") % {"compared": result.compared,
                                         "differing": result.differing,
                                         "groups": len(result.groups)}]
    for number, group in enumerate(result.groups, start=1):
        heading = (_("different verdict") if group.kind == "verdict"
                   else _("same verdict, different sanctions"))
        lines += ["", f"{number}. {heading} ({len(group.situations)} "
                  + _("situations") + ")",
                  "   " + _("When: %(when)s") % {"when": _describe(group)},
                  "   " + _side_text(left.id, group.left.verdict, group.left.articles,
                                     group.left.consequence_articles),
                  "   " + _side_text(right.id, group.right.verdict, group.right.articles,
                                     group.right.consequence_articles)]
        for protocol, articles in ((left, group.left.articles + group.left.consequence_articles),
                                   (right, group.right.articles
                                    + group.right.consequence_articles)):
            for article_id in articles:
                lines.append(f"     {protocol.id} {article_id}: "
                             f"{localize(protocol.articles[article_id].summary)}")
    if result.combined:
        lines += ["", _("%(count)s more situations combine two of the differences above.")
                  % {"count": sum(len(g.situations) for g in result.combined)}]
    return "\n".join(lines) + "\n"


def diff_to_dict(result: ProtocolDiff) -> dict[str, Any]:
    def side(s: Any) -> dict[str, Any]:
        return {"verdict": s.verdict, "articles": list(s.articles),
                "consequence_kinds": list(s.consequence_kinds),
                "consequence_articles": list(s.consequence_articles)}

    return {
        "left": result.left, "right": result.right, "compared": result.compared,
        "differing": result.differing,
        "groups": [{"kind": g.kind, "situations": len(g.situations), "when": g.common,
                    "example": g.example, "left": side(g.left), "right": side(g.right)}
                   for g in result.groups],
        "combined": [{"situations": len(g.situations), "left": side(g.left),
                      "right": side(g.right)} for g in result.combined],
    }
