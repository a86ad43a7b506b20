"""Deciding a situation under a protocol: ``evaluate(protocol, situation) -> Verdict``.

The semantics (shared/spec/situation.md, and STYLE.md habit 5):

- a scope article whose condition does not hold (doelgroep.2: declared not school
  related) gives ``out_of_scope``, citing it, unless one of its reasons holds (the
  situation itself overlaps with school): then the protocol applies and an advice finding
  citing the scope article says why;
- what no article regulates is allowed;
- any applicable prohibition wins over every permission;
- an article's stated exception lifts its prohibition, and the finding cites both the
  prohibiting article and the one stating the exception;
- an unmet obligation (always fixable: the file must say how) gives ``needs_changes``;
- advice is reported but never changes the verdict;
- the order of rules never matters: findings come sorted by weight, then by where the
  article stands in the protocol, then by rule.

Pure: no database, no clock, no randomness. The same input gives the same output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from protocolwijzer.engine.protocol import Consequence, Protocol, localize
from protocolwijzer.engine.situation import Situation

if TYPE_CHECKING:
    from protocolwijzer.analysis import TextAnalysis

# The order in which findings are shown: what blocks first, advice last.
_WEIGHT = {("forbidden", False): 0, ("obligation", False): 1, ("obligation", True): 2,
           ("allowed", True): 3, ("advice", None): 4}


@dataclass(frozen=True)
class Finding:
    article: str
    effect: str  # forbidden | allowed | obligation | advice
    met: bool | None  # obligation: met?  forbidden: False (violated)  allowed: True
    rule: str
    message: str
    fix: str | None = None
    exception_article: str | None = None  # the article whose exception lifted a prohibition

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article, "effect": self.effect, "met": self.met,
                               "rule": self.rule, "message": self.message}
        if self.fix:
            out["fix"] = self.fix
        if self.exception_article:
            out["exception_article"] = self.exception_article
        return out


@dataclass(frozen=True)
class ConsequenceFinding:
    article: str
    kind: str
    text: str
    measures: tuple[str, ...] = ()  # as the protocol file lists them
    contact: str | None = None
    # The measures depend on how serious it was (issue 11, point 9): the article's sentence
    # that says so, verbatim, and the measures as possible ones, mildest first.
    measures_quote: str | None = None
    measures_mildest_first: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article, "kind": self.kind, "text": self.text}
        if self.measures:
            out["measures"] = list(self.measures)
            out["measures_mildest_first"] = list(self.measures_mildest_first)
            if self.measures_quote:
                out["measures_quote"] = self.measures_quote
        if self.contact:
            out["contact"] = self.contact
        return out


@dataclass(frozen=True)
class Decision:
    verdict: str  # out_of_scope | forbidden | needs_changes | allowed
    findings: tuple[Finding, ...]
    consequences: tuple[ConsequenceFinding, ...]

    @property
    def cited_articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for finding in self.findings:
            seen[finding.article] = None
            if finding.exception_article:
                seen[finding.exception_article] = None
        return tuple(seen)


@dataclass(frozen=True)
class Verdict:
    protocol: str
    protocol_version: str
    decision: Decision
    analysis: TextAnalysis | None = None

    @property
    def verdict(self) -> str:
        return self.decision.verdict

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.decision.findings

    @property
    def consequences(self) -> tuple[ConsequenceFinding, ...]:
        return self.decision.consequences

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict in ("allowed", "out_of_scope") else 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "protocol": self.protocol,
            "protocol_version": self.protocol_version,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "consequences": [c.to_dict() for c in self.consequences],
        }
        if self.analysis is not None:
            out["analysis"] = self.analysis.to_dict()
        return out


def situation_facts(situation: Situation, analysis: TextAnalysis | None) -> dict[str, Any]:
    """The facts a protocol's conditions may test (vocabulary.FACTS), from a situation."""
    recordings = len(situation.media)
    people = [person for media in situation.media for person in media.people]
    students = [person for person in people if person.role == "student"]
    has_text = bool(situation.text.strip())
    return {
        "actor.role": situation.actor_role,
        "context": situation.context,
        "action": situation.action,
        "school_related": situation.school_related,
        "text.school_reference": bool(analysis and analysis.school_reference),
        "channel": situation.channel,
        "channel.social_media": situation.is_social_media,
        "account": situation.account,
        "target.role": situation.target_role,
        "target.account": situation.target_account,
        "permission.granted_by": situation.permission_granted_by,
        "text.present": has_text,
        # A bare name is reported, but is not "persoonlijke informatie" (text.names).
        "text.personal_data": bool(analysis and analysis.has_private_data),
        "text.names": bool(analysis and analysis.names),
        "text.abusive": bool(analysis and analysis.abusive),
        "text.profanity": bool(analysis and analysis.profanity and not analysis.abusive),
        "text.threat": bool(analysis and analysis.threat),
        # What an adult may not write to a minor; who wrote to whom is for the rules.
        "text.boundary_crossing": bool(analysis and analysis.boundary_crossing),
        "text.confidential": bool(analysis and analysis.confidential),
        "text.reputation_harm": bool(analysis and analysis.reputation_harm),
        "text.possibly_criminal": bool(analysis and analysis.possibly_criminal),
        "text.own_contact_details": bool(analysis and analysis.own_contact_details),
        "text.own_opinion_disclaimer": bool(analysis and analysis.own_opinion_disclaimer),
        "text.third_party_disclaimer": bool(analysis and analysis.third_party_disclaimer),
        "text.employee_mention": bool(analysis and analysis.employee_mention),
        "media.recordings": recordings,
        "media.people": len(people),
        "media.recordings_people_not_stated": sum(not m.people_stated
                                                  for m in situation.media),
        "media.people_without_consent": sum(p.consent != "given" for p in people),
        "media.people_refused": sum(p.consent == "refused" for p in people),
        "media.students": len(students),
        "media.students_refused": sum(p.consent == "refused" for p in students),
        "media.students_without_consent": sum(p.consent != "given" for p in students),
    }


def evaluate(protocol: Protocol, situation: Situation,
             analysis: TextAnalysis | None = None) -> Verdict:
    """The verdict on ``situation`` under ``protocol``.

    ``analysis`` is the text analysis of the post; when not given, the built-in Dutch
    analyzer reads ``situation.text`` with the school's names from the protocol.
    """
    if analysis is None and situation.text.strip():
        from protocolwijzer.analysis import analyse_text

        analysis = analyse_text(situation.text, organisation_names=protocol.names)
    decision = decide(protocol, situation_facts(situation, analysis))
    return Verdict(protocol.id, protocol.version, decision, analysis)


def decide(protocol: Protocol, facts: Mapping[str, Any]) -> Decision:
    """The decision on plain facts; ``evaluate`` is this plus reading the situation."""
    findings: list[tuple[tuple[int, int, int], Finding]] = []
    for scope in protocol.scope:
        if scope.condition(facts):
            continue
        reasons = [localize(reason.message) for reason in scope.reasons
                   if reason.condition(facts)]
        if not reasons:
            finding = Finding(scope.article, "advice", None, f"scope:{scope.article}",
                              localize(scope.message))
            return Decision("out_of_scope", (finding,), ())
        # In scope after all: the verdict says why, in the protocol's own words.
        finding = Finding(scope.article, "advice", None, f"scope:{scope.article}",
                          " ".join([localize(scope.in_scope_message), *reasons]))
        # Before every rule of the same article and weight (rule orders start at 0).
        findings.append(((_WEIGHT[("advice", None)],
                          protocol.articles[scope.article].order, -1), finding))

    forbidden = unmet = False
    for rule in protocol.rules:
        if not rule.is_in_scope(facts):
            continue
        article_order = protocol.articles[rule.article].order
        if rule.effect == "forbidden":
            if rule.exception is not None and rule.exception.condition(facts):
                message = localize(rule.exception.message) or localize(rule.message)
                finding = Finding(rule.article, "allowed", True, rule.id, message,
                                  exception_article=rule.exception.article)
            else:
                forbidden = True
                finding = Finding(rule.article, "forbidden", False, rule.id,
                                  localize(rule.message), localize(rule.fix) or None)
        elif rule.effect == "obligation":
            assert rule.requires is not None  # the loader guarantees it
            met = rule.requires(facts)
            unmet = unmet or not met
            finding = Finding(rule.article, "obligation", met, rule.id, localize(rule.message),
                              None if met else localize(rule.fix))
        elif rule.effect == "allowed":
            finding = Finding(rule.article, "allowed", True, rule.id, localize(rule.message))
        else:
            finding = Finding(rule.article, "advice", None, rule.id, localize(rule.message),
                              localize(rule.fix) or None)
        if rule.note is not None:
            # A note beside the article (what the law adds) travels in the finding's own
            # message, so every reader of a verdict sees it without a new field.
            finding = replace(
                finding, message=f"{finding.message} {localize(rule.note)}")
        weight = _WEIGHT[(finding.effect, finding.met)]
        findings.append(((weight, article_order, rule.order), finding))

    findings.sort(key=lambda item: item[0])
    if forbidden:
        verdict = "forbidden"
    elif unmet:
        verdict = "needs_changes"
    else:
        verdict = "allowed"

    consequences: tuple[ConsequenceFinding, ...] = ()
    if verdict in ("forbidden", "needs_changes"):
        consequences = tuple(
            _consequence_finding(protocol, c) for c in protocol.consequences
            if facts["actor.role"] in c.roles and c.condition(facts))
    return Decision(verdict, tuple(f for _, f in findings), consequences)


def _consequence_finding(protocol: Protocol, consequence: Consequence) -> ConsequenceFinding:
    quote, ladder = _measures_read(protocol.articles[consequence.article].text,
                                   consequence.measures)
    return ConsequenceFinding(consequence.article, consequence.kind, localize(consequence.text),
                              consequence.measures, consequence.contact, quote, ladder)


@lru_cache(maxsize=1024)
def _measures_read(article_text: str, measures: tuple[str, ...]
                   ) -> tuple[str | None, tuple[str, ...]]:
    """The article's sentence that names the measures, and the measures mildest first:
    the same for every situation, so read once (the behavioural diff decides 48,000)."""
    if not measures:
        return None, ()
    from protocolwijzer.engine.sanctions import measures_sentence, mildest_first

    return measures_sentence(article_text, measures), mildest_first(measures)
