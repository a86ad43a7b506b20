from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from protocolwijzer.engine.explain import articles_for_role
from protocolwijzer.engine.protocol import Protocol, compiled_protocol, localize
from protocolwijzer.engine.sanctions import (
    Explained,
    explain_words,
    measure_term,
    mildest_first,
)

# The evaluation cadences and instemming bodies are the protocol format's own vocabulary
# (engine/schema.py); these are only their names for people.
EVALUATION_CADENCES = {
    "yearly": _("every year"),
    "every_two_years": _("every two years"),
    "none": _("not agreed"),
}
INSTEMMING_BODIES = {
    "MR": _("participation council (MR)"),
    "GMR": _("joint participation council (GMR)"),
    "OR": _("parents' council (OR)"),
    "team": _("the team"),
    "leerlingen": _("the students"),
    "ouders": _("the parents"),
}


class ProtocolVersionQuerySet(models.QuerySet["ProtocolVersion"]):
    def published(self) -> ProtocolVersionQuerySet:
        """Versions loaded as files (built in or imported), not a school's own adapted text:
        a school's concept submitted to its MR must not become the public page of the model
        it was copied from (docs/interpretations.md, "A school's own versions")."""
        own = Adoption.objects.filter(version=OuterRef("pk"))
        return self.filter(Q(is_builtin=True) | ~Exists(own))

    def current(self, protocol_id: str) -> ProtocolVersion | None:
        """The version loaded last: importing a changed file is how a protocol is updated."""
        return (self.published().filter(protocol_id=protocol_id)
                .order_by("-loaded_at", "-pk").first())

    def with_current_marker(self) -> ProtocolVersionQuerySet:
        latest = (ProtocolVersion.objects.published()
                  .filter(protocol_id=OuterRef("protocol_id"))
                  .order_by("-loaded_at", "-pk").values("pk")[:1])
        return self.annotate(current_pk=Subquery(latest))

    def with_article_count(self) -> ProtocolVersionQuerySet:
        return self.annotate(article_count=Count("articles"))


class ProtocolVersion(models.Model):
    """One exact text of a protocol, as imported; never edited afterwards.

    A changed file is a new version, so every stored check or acknowledgement can keep
    pointing at the wording it was made under.
    """

    protocol_id = models.SlugField(_("protocol id"), max_length=80)
    version = models.CharField(_("version"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    organisation = models.CharField(_("organisation"), max_length=300)
    source_yaml = models.TextField(_("protocol file"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)
    is_builtin = models.BooleanField(_("ships with Protocolwijzer"), default=False)

    objects = ProtocolVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("protocol version")
        verbose_name_plural = _("protocol versions")
        ordering = ["protocol_id", "-loaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["protocol_id", "sha256"],
                                    name="protocol_version_unique_text"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def engine_protocol(self) -> Protocol:
        """The protocol as the engine decides with it, compiled once per process for every
        caller (``compiled_protocol``, keyed by the text's own hash)."""
        cached: Protocol | None = getattr(self, "_engine_protocol", None)
        if cached is None:
            cached = compiled_protocol(self.source_yaml, filename=f"{self.protocol_id}.yaml")
            self._engine_protocol = cached
        return cached

    def evaluation_display(self) -> str:
        cadence = self.engine_protocol().model.evaluation.cadence
        return str(EVALUATION_CADENCES.get(cadence, cadence))

    def instemming_display(self) -> list[dict[str, Any]]:
        return [{"body": str(INSTEMMING_BODIES.get(item.body, item.body)), "on": item.on,
                 "submitted": item.status == "submitted"}
                for item in self.engine_protocol().model.instemming]

    def sections_with(self, articles: Iterable[Article], *,
                      include_empty: bool = True) -> list[SectionWithArticles]:
        """The protocol's sections in order, each with those of ``articles`` that belong to it.

        Section intros live only in the protocol file, so sections come from the engine's
        reading of it and the articles from the database (which is what search filters).
        """
        by_section: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            article.protocol_version = self  # its title comes from this version's file
            by_section[article.section_id].append(article)
        sections = [SectionWithArticles(section.id, section.title, section.intro,
                                        by_section.get(section.id, []))
                    for section in self.engine_protocol().sections]
        return [section for section in sections if include_empty or section.articles]

    def sections_for_role(self, role: str,
                          only: Iterable[str] | None = None) -> list[RoleSection]:
        """What this protocol means for ``role`` (the contract's actor.role), by section.

        Each article that concerns the role comes with its plain-language summary (written
        at B1 level, so that students can read it) and the engine's lines for the rules
        and consequences that reach this role. ``only`` limits it to those article ids
        (a search).
        """
        protocol = self.engine_protocol()
        wanted = None if only is None else set(only)
        articles = [article for article in protocol.iter_articles()
                    if wanted is None or article.id in wanted]
        by_section: dict[str, list[RoleArticle]] = defaultdict(list)
        explained: set[str] = set()  # a hard word is explained once on the page
        for article, lines in articles_for_role(protocol, role, articles):
            ladder = _ladder(protocol, article.id, role, explained)
            summary = localize(article.summary)
            words = explain_words(" ".join([summary or article.text, *lines]),
                                  seen=explained)
            by_section[article.section_id].append(RoleArticle(
                article.id, f"artikel-{article.id}", article.kind, article.text,
                summary, lines, localize(article.title) if article.title else "",
                ladder, words))
        return [RoleSection(section.id, section.title, by_section[section.id])
                for section in protocol.sections if by_section.get(section.id)]


def _ladder(protocol: Protocol, article_id: str, role: str,
            explained: set[str]) -> list[Measure]:
    """The measures the article's consequences for ``role`` name, mildest first, each
    with what it means in B1 words (issue 14: the sanction words of the student view)."""
    measures: list[str] = []
    for consequence in protocol.consequences:
        if consequence.article == article_id and role in consequence.roles:
            measures += [m for m in consequence.measures if m not in measures]
    ladder = []
    for name in mildest_first(measures):
        term = measure_term(name)
        ladder.append(Measure(name, term.explain() if term else ""))
        if term is not None:
            explained.add(term.id)
    return ladder


@dataclass(frozen=True)
class Measure:
    name: str
    explanation: str


@dataclass(frozen=True)
class RoleArticle:
    id: str
    anchor: str
    kind: str
    text: str
    summary: str
    lines: list[str]
    title: str = ""  # the heading in plain words, in the active language
    ladder: list[Measure] = field(default_factory=list)  # possible measures, mildest first
    words: list[Explained] = field(default_factory=list)  # hard words, explained in B1

    @property
    def hard_words(self) -> str:
        return ", ".join(item.word for item in self.words)


@dataclass(frozen=True)
class RoleSection:
    id: str
    title: str | None
    articles: list[RoleArticle]


@dataclass(frozen=True)
class SectionWithArticles:
    id: str
    title: str | None
    intro: str | None
    articles: list[Article]


class ArticleQuerySet(models.QuerySet["Article"]):
    def matching(self, query: str) -> ArticleQuerySet:
        """Articles whose id, verbatim text or summary contains every word of ``query``."""
        articles = self
        for word in query.split():
            articles = articles.filter(
                Q(article_id__icontains=word) | Q(text__icontains=word)
                | Q(summary_nl__icontains=word) | Q(summary_en__icontains=word))
        return articles


class Article(models.Model):
    class Kind(models.TextChoices):
        NORMATIVE = "normative", _("normative")
        INFORMATIVE = "informative", _("informative")
        PROCEDURAL = "procedural", _("procedural")

    protocol_version = models.ForeignKey(ProtocolVersion, on_delete=models.CASCADE,
                                         related_name="articles",
                                         verbose_name=_("protocol version"))
    article_id = models.CharField(_("article"), max_length=40)
    section_id = models.CharField(_("section"), max_length=80)
    section_title = models.CharField(_("section title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    order = models.PositiveIntegerField(_("order"))

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["protocol_version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["protocol_version", "article_id"],
                                    name="article_unique_in_version"),
        ]

    def __str__(self) -> str:
        return self.article_id

    @property
    def title(self) -> str:
        """The heading in plain words in the active language ("" when the file gives
        none): it lives in the protocol file, which the version keeps whole."""
        article = self.protocol_version.engine_protocol().articles.get(self.article_id)
        return localize(article.title) if article is not None and article.title else ""

    @property
    def summary(self) -> str:
        """The plain-language summary in the active language, falling back to Dutch."""
        if (get_language() or "").startswith("en") and self.summary_en:
            return self.summary_en
        return self.summary_nl

    @property
    def anchor(self) -> str:
        return f"artikel-{self.article_id}"


class Acknowledgement(models.Model):
    """A staff member's statement that they have read one exact protocol version.

    It points at a version, not at a protocol id: when the school puts a new version in
    force, nobody has acknowledged that text yet, so everyone acknowledges again.
    """

    person = models.ForeignKey("schools.Person", on_delete=models.CASCADE,
                               related_name="acknowledgements", verbose_name=_("person"))
    # PROTECT: an acknowledgement is evidence of which wording someone read.
    protocol_version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT,
                                         related_name="acknowledgements",
                                         verbose_name=_("protocol version"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "protocol_version"],
                                    name="acknowledgement_unique_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.protocol_version}"


# The bodies whose refusal blocks vaststellen: the WMS gives the (G)MR instemmingsrecht;
# the others are consulted (docs/interpretations.md, "Instemming before vaststellen").
BLOCKING_BODIES = ("MR", "GMR")


class Adoption(models.Model):
    """One school's way with one text of its protocol: concept -> voorgelegd -> vastgesteld
    -> in force from a date -> replaced (by a later adoption in force).

    Only the three stored steps are a status; "in force" and "replaced" follow from
    ``in_force_from`` and the school's other adoptions (``stage``). An adoption with status
    adopted and no ``in_force_from`` *and* ``implicit`` set is the school's protocol from
    before its first adoption, "in force since always" (lifecycle.protocol_in_force).
    """

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        SUBMITTED = "submitted", _("submitted")
        ADOPTED = "adopted", _("adopted")

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE,
                               related_name="adoptions", verbose_name=_("school"))
    # What it was copied from: the "before" of the behavioural diff.
    based_on = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="copies",
                                 verbose_name=_("based on"))
    source_yaml = models.TextField(_("protocol file"))  # editable only while a concept
    # The frozen exact text, set on submitting: the MR gives instemming on this text.
    version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="adoptions",
                                verbose_name=_("protocol version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.CONCEPT)
    submitted_to = models.JSONField(_("submitted to"), default=list, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    # The school's protocol from before Protocolwijzer knew adoptions (in force since always).
    implicit = models.BooleanField(_("in force since always"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["school", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.school} · {self.get_status_display()} · {self.pk}"

    def decision_for(self, body: str) -> InstemmingDecision | None:
        """The latest decision ``body`` took on this adoption (None: not decided yet)."""
        found = [d for d in self.decisions.all() if d.body == body]
        return max(found, key=lambda d: (d.decided_on, d.recorded_at)) if found else None


class InstemmingDecision(models.Model):
    """A body's answer to an adoption submitted to it, with the date and the minutes."""

    class Outcome(models.TextChoices):
        GIVEN = "given", _("instemming given")
        REFUSED = "refused", _("instemming refused")

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="decisions",
                                 verbose_name=_("adoption"))
    body = models.CharField(_("body"), max_length=20)
    outcome = models.CharField(_("instemming decision"), max_length=10, choices=Outcome.choices)
    decided_on = models.DateField(_("decided on"))
    minutes_reference = models.CharField(_("minutes reference"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("instemming decision")
        verbose_name_plural = _("instemming decisions")
        ordering = ["adoption", "decided_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.body}: {self.get_outcome_display()}"
