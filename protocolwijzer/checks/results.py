"""A verdict, laid out for the checker's page.

The engine decides and ``engine.explain`` has the words for verdicts and findings; this
module only groups the findings the way the command's text output does, quotes the
articles from the protocol the school follows, marks what the analyser found in the
text, and lays out what may follow: measures as possible ones, mildest first, after the
article's sentence that makes them depend on how serious it was, with the hard words
explained at level B1 (``engine.sanctions``, issue 11, point 9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from protocolwijzer.checks.media import MediaOutcome, media_url
from protocolwijzer.engine.evaluate import ConsequenceFinding, Finding, Verdict
from protocolwijzer.engine.explain import personal_data_label, verdict_label
from protocolwijzer.engine.protocol import Protocol, Rule
from protocolwijzer.engine.sanctions import Explained, explain_words, measure_term

ABUSE_LABELS: dict[str, str | Promise] = {
    "insult": _("insult"),
    "threat": _("threat"),
    "exclusion": _("shutting someone out"),
    "doxxing": _("sharing someone's personal details"),
    "sexual": _("sexual language"),
    "discrimination": _("discrimination"),
}
# A mark per verdict, shown next to the label, so that the verdict does not rest on
# colour alone.
VERDICT_MARKS = {"allowed": "✓", "needs_changes": "!", "forbidden": "✗",
                 "out_of_scope": "i"}


@dataclass(frozen=True)
class Quote:
    article: str
    text: str
    url: str
    # The first time the result quotes this article; later quotes of it stay folded.
    first: bool = True


@dataclass(frozen=True)
class ShownFinding:
    finding: Finding
    quotes: list[Quote]


@dataclass(frozen=True)
class FindingGroup:
    key: str  # forbidden | change | why | in_order | advice
    heading: str | Promise
    findings: list[ShownFinding]


@dataclass(frozen=True)
class Segment:
    """A piece of the post's text; ``label`` says what was found in it, if anything."""

    text: str
    label: str = ""
    kind: str = ""  # personal_data | abuse
    articles: tuple[str, ...] = ()   # the articles of the verdict this piece touches


@dataclass(frozen=True)
class Found:
    label: str
    text: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One rung of a ladder of possible measures, with what it means (B1)."""

    name: str
    explanation: str = ""


@dataclass(frozen=True)
class ShownConsequence:
    consequence: ConsequenceFinding
    # The hard words of its text, each explained once on the page.
    words: list[Explained] = field(default_factory=list)
    # The article's sentence that makes the measures depend on how serious it was.
    quote: Quote | None = None
    ladder: list[Measure] = field(default_factory=list)

    @property
    def hard_words(self) -> str:
        return ", ".join(item.word for item in self.words)


@dataclass(frozen=True)
class ShownMedia:
    slot: int  # the form's slot (0, 1, ...): the fix's button names it
    outcome: MediaOutcome

    @property
    def number(self) -> int:
        return self.slot + 1

    @property
    def download_url(self) -> str:
        return media_url(self.outcome.item, download=True, version=self.outcome.version)

    @property
    def blur_value(self) -> str:
        """The value of the fix's button (``views.Step``): blur these faces."""
        faces = ",".join(str(n) for n in self.outcome.blur_after_fix)
        return f"blur:{self.slot}:{faces}"


@dataclass(frozen=True)
class CheckResult:
    verdict: str
    label: str
    mark: str
    protocol: Protocol
    groups: list[FindingGroup]
    consequences: tuple[ConsequenceFinding, ...]
    segments: list[Segment] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    sanctions: list[ShownConsequence] = field(default_factory=list)
    # Per photo or video checked: who is on it and what stands against each face.
    media: list[ShownMedia] = field(default_factory=list)

    @property
    def has_findings_in_text(self) -> bool:
        return bool(self.found)


_GROUPS: tuple[tuple[str, str | Promise, Callable[[Finding, str], bool]], ...] = (
    ("forbidden", _("What is not allowed"), lambda f, v: f.effect == "forbidden"),
    ("change", _("What you must change"),
     lambda f, v: f.effect == "obligation" and not f.met),
    ("why", _("Why"), lambda f, v: f.effect == "advice" and v == "out_of_scope"),
    ("in_order", _("What is in order"), lambda f, v: f.met is True),
    ("advice", _("Advice"), lambda f, v: f.effect == "advice" and v != "out_of_scope"),
)


def present(verdict: Verdict, protocol: Protocol, text: str, article_url: str, *,
            outcomes: list[MediaOutcome] | None = None,
            slots: list[int] | None = None) -> CheckResult:
    """The page's view of ``verdict``. ``article_url`` is where an article of the
    protocol can be read, with ``%s`` for its anchor; ``outcomes`` say per photo who is on
    it, ``slots`` from which slot of the form each ``post.media`` entry came."""
    groups = []
    quoted: set[str] = set()
    for key, heading, matches in _GROUPS:
        shown = [ShownFinding(f, _quotes(f, protocol, article_url, quoted))
                 for f in verdict.findings if matches(f, verdict.verdict)]
        if shown:
            groups.append(FindingGroup(key, heading, shown))
    segments, found = _text_findings(verdict, protocol, text)
    return CheckResult(verdict.verdict, verdict_label(verdict.verdict),
                       VERDICT_MARKS[verdict.verdict], protocol, groups,
                       verdict.consequences, segments, found,
                       _sanctions(verdict.consequences, article_url, quoted),
                       [ShownMedia((slots or [])[o.index] if slots else o.index, o)
                        for o in outcomes or []])


def _sanctions(consequences: tuple[ConsequenceFinding, ...], article_url: str,
               quoted: set[str]) -> list[ShownConsequence]:
    explained: set[str] = set()
    shown = []
    for consequence in consequences:
        quote = None
        if consequence.measures_quote:
            quote = Quote(consequence.article, consequence.measures_quote,
                          article_url % f"artikel-{consequence.article}",
                          first=consequence.article not in quoted)
        ladder = []
        for name in consequence.measures_mildest_first or consequence.measures:
            term = measure_term(name)
            ladder.append(Measure(name, term.explain() if term else ""))
            if term is not None:
                explained.add(term.id)  # explained in the ladder: not again in a text
        # The page shows the article's sentence in place of the file's short text, which
        # says the same: the words explained are those the reader sees.
        shown_text = quote.text if quote is not None else consequence.text
        shown.append(ShownConsequence(consequence,
                                      explain_words(shown_text, seen=explained),
                                      quote, ladder))
    return shown


def _quotes(finding: Finding, protocol: Protocol, article_url: str,
            quoted: set[str]) -> list[Quote]:
    cited = [finding.article]
    if finding.exception_article and finding.exception_article != finding.article:
        cited.append(finding.exception_article)
    quotes = []
    for article_id in cited:
        if article_id in protocol.articles:
            quotes.append(Quote(article_id, protocol.articles[article_id].text,
                                article_url % f"artikel-{article_id}",
                                first=article_id not in quoted))
            quoted.add(article_id)
    return quotes


# The facts of the situation contract that each kind of finding in the text sets.
_FACTS_OF_MARK = {"name": ("text.names",), "abuse": ("text.abusive", "text.threat")}
_PRIVATE_DATA = ("text.personal_data",)


def _articles_touched(verdict: Verdict, rules: dict[str, Rule], kind: str
                      ) -> tuple[str, ...]:
    """The articles of the verdict's findings whose rules look at what ``kind`` sets:
    a phone number touches the article that forbids personal information, a name the
    one that advises about names, abuse the decency article."""
    facts = _FACTS_OF_MARK.get(kind, _PRIVATE_DATA)
    articles: list[str] = []
    for finding in verdict.findings:
        rule = rules.get(finding.rule)
        if (rule is not None and finding.effect in ("forbidden", "advice")
                and not rule.facts.isdisjoint(facts)
                and finding.article not in articles):
            articles.append(finding.article)
    return tuple(articles)


def _text_findings(verdict: Verdict, protocol: Protocol, text: str
                   ) -> tuple[list[Segment], list[Found]]:
    """The text cut into plain and marked pieces, and the list of what was marked, each
    with the articles it touches."""
    analysis = verdict.analysis
    if analysis is None or not text:
        return [], []
    marks: list[tuple[int, int, str, str, str]] = [
        (span.start, span.end, personal_data_label(span.kind), "personal_data", span.kind)
        for span in analysis.personal_data]
    abuse_label = ", ".join(str(ABUSE_LABELS.get(kind, kind))
                            for kind in analysis.abuse_kinds) or str(_("abusive language"))
    marks += [(start, end, abuse_label, "abuse", "abuse")
              for start, end in analysis.abuse_spans]
    marks.sort()
    rules = {rule.id: rule for rule in protocol.rules}
    segments: list[Segment] = []
    found: list[Found] = []
    position = 0
    for start, end, label, kind, detail in marks:
        if start < position or end <= start or end > len(text):
            continue  # overlaps a piece already marked; the list still has the first one
        if start > position:
            segments.append(Segment(text[position:start]))
        articles = _articles_touched(verdict, rules, detail)
        segments.append(Segment(text[start:end], label, kind, articles))
        found.append(Found(label, text[start:end], articles))
        position = end
    if not found:
        return [], []
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments, found
