"""A behavioural diff of two protocols: which situations they decide differently.

Not a text diff. Both protocols decide every situation of a generated space that spans the
contract's vocabulary (who, in which context, which action on which channel, with which
account and target, with what in the text and the media). Situations that get a different
verdict, or the same verdict with different kinds of consequences, are grouped by how each
protocol decided them (verdict and the articles that carried it), and each group is
explained by what its situations have in common.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from protocolwijzer.engine.evaluate import Decision, decide
from protocolwijzer.engine.protocol import Protocol

Dims = dict[str, Any]

# Values are listed simplest first, so the first situation of a group is its plainest example.
_CHANNELS = {
    "use_social_media": ("facebook",),
    "publish": ("facebook", "class_group_app", "school_website", "yearbook"),
    "discuss": ("facebook", "x"),
    "befriend": ("facebook",),
    "contact": ("facebook", "whatsapp"),
    "like": ("facebook",),
}
_CONTEXTS = (("work", None), ("off_duty", None))
# A lesson is where being active on social media at all is regulated (A.1 in both seeds);
# crossing every other action with it only repeats that difference in combinations.
_LESSON_CONTEXTS = (("lesson", None), ("lesson", "teacher"), ("lesson", "school_leadership"))
_TARGETS = ("student", "parent", "former_student", "staff", "school_page")
_MEDIA = ("none", "photo_consent_given", "photo_student_unknown", "photo_student_refused")
_ABUSE = ("none", "abusive", "threat")


def situation_space() -> Iterator[tuple[Dims, dict[str, Any]]]:
    """Every situation of the space, as (readable dimensions, facts for the engine)."""
    for action, channels in _CHANNELS.items():
        contexts = _CONTEXTS + _LESSON_CONTEXTS if action == "use_social_media" else _CONTEXTS
        for role, (context, permission), channel in itertools.product(
                ("staff", "student", "parent", "other"), contexts, channels):
            base: Dims = {"actor.role": role, "context": context, "permission": permission,
                          "action": action, "channel": channel}
            if action == "use_social_media":
                yield base, _facts(base)
                continue
            for account in ("personal", "professional", "school"):
                with_account = {**base, "account": account}
                if action in ("befriend", "like", "contact"):
                    for target, target_account in itertools.product(
                            _TARGETS, ("personal", "professional")):
                        dims = {**with_account, "target": target,
                                "target.account": target_account}
                        if action == "contact":
                            for abuse, personal in itertools.product(_ABUSE, (False, True)):
                                full = {**dims, "text.abuse": abuse,
                                        "text.personal_data": personal}
                                yield full, _facts(full)
                        else:
                            yield dims, _facts(dims)
                    continue
                for abuse, personal, own, third, employee in itertools.product(
                        _ABUSE, (False, True), (False, True), (False, True), (False, True)):
                    dims = {**with_account, "text.abuse": abuse, "text.personal_data": personal,
                            "text.own_opinion_disclaimer": own,
                            "text.third_party_disclaimer": third,
                            "text.employee_mention": employee}
                    if action == "publish":
                        for media in _MEDIA:
                            full = {**dims, "media": media}
                            yield full, _facts(full)
                    else:
                        yield dims, _facts(dims)


def _facts(d: Dims) -> dict[str, Any]:
    abuse = d.get("text.abuse", "none")
    media = d.get("media", "none")
    has_people = media != "none"
    without = media in ("photo_student_unknown", "photo_student_refused")
    refused = media == "photo_student_refused"
    text_dims = ("text.personal_data", "text.names", "text.profanity",
                 "text.own_opinion_disclaimer", "text.third_party_disclaimer",
                 "text.employee_mention")
    return {
        "actor.role": d["actor.role"], "context": d["context"], "action": d["action"],
        "school_related": True, "channel": d["channel"],
        "channel.social_media": d["channel"] not in ("school_website", "yearbook",
                                                     "schoolgids", "newsletter"),
        "account": d.get("account"), "target.role": d.get("target"),
        "target.account": d.get("target.account"),
        "permission.granted_by": d.get("permission"),
        "text.present": "text.abuse" in d,
        "text.abusive": abuse != "none", "text.threat": abuse == "threat",
        **{name: bool(d.get(name, False)) for name in text_dims},
        "media.recordings": int(has_people), "media.people": int(has_people),
        "media.recordings_people_not_stated": 0,
        "media.people_without_consent": int(without), "media.people_refused": int(refused),
        "media.students": int(has_people), "media.students_refused": int(refused),
        "media.students_without_consent": int(without),
    }


@dataclass(frozen=True)
class Side:
    verdict: str
    articles: tuple[str, ...]  # the articles that carried the verdict
    consequence_kinds: tuple[str, ...]
    consequence_articles: tuple[str, ...]


@dataclass
class DiffGroup:
    left: Side
    right: Side
    situations: list[Dims]
    common: dict[str, list[Any]]  # dimension -> the values this group's situations have

    @property
    def example(self) -> Dims:
        return self.situations[0]

    @property
    def kind(self) -> str:
        return "verdict" if self.left.verdict != self.right.verdict else "consequences"


@dataclass
class ProtocolDiff:
    left: str
    right: str
    compared: int
    groups: list[DiffGroup]
    combined: list[DiffGroup]  # groups that are two of ``groups`` at once

    @property
    def differing(self) -> int:
        return sum(len(group.situations) for group in (*self.groups, *self.combined))


def _side(decision: Decision) -> Side:
    if decision.verdict == "forbidden":
        carried = [f.article for f in decision.findings if f.effect == "forbidden"]
    elif decision.verdict == "needs_changes":
        carried = [f.article for f in decision.findings
                   if f.effect == "obligation" and not f.met]
    else:
        carried = []
        for f in decision.findings:
            if f.effect == "allowed":
                carried.append(f.article)
                if f.exception_article:
                    carried.append(f.exception_article)
    kinds = sorted({c.kind for c in decision.consequences})
    return Side(decision.verdict, tuple(dict.fromkeys(carried)), tuple(kinds),
                tuple(dict.fromkeys(c.article for c in decision.consequences)))


def diff_protocols(left: Protocol, right: Protocol) -> ProtocolDiff:
    groups: dict[tuple[Any, ...], DiffGroup] = {}
    domains: dict[tuple[str, str], set[Any]] = {}
    compared = 0
    for dims, facts in situation_space():
        compared += 1
        for name, value in dims.items():
            domains.setdefault((dims["action"], name), set()).add(value)
        a, b = decide(left, facts), decide(right, facts)
        a_kinds = {c.kind for c in a.consequences}
        b_kinds = {c.kind for c in b.consequences}
        if a.verdict == b.verdict and a_kinds == b_kinds:
            continue
        side_a, side_b = _side(a), _side(b)
        if a.verdict == b.verdict:
            # Only the consequences differ: group by what differs, not by every article.
            side_a = Side(a.verdict, (), tuple(sorted(a_kinds - b_kinds)),
                          tuple(c.article for c in a.consequences if c.kind not in b_kinds))
            side_b = Side(b.verdict, (), tuple(sorted(b_kinds - a_kinds)),
                          tuple(c.article for c in b.consequences if c.kind not in a_kinds))
            key: tuple[Any, ...] = ("consequences", side_a, side_b, dims["actor.role"])
        else:
            # Sanctions follow the actor's role; a group spans roles, so it names none.
            side_a = Side(side_a.verdict, side_a.articles, (), ())
            side_b = Side(side_b.verdict, side_b.articles, (), ())
            key = ("verdict", side_a, side_b)
        group = groups.get(key)
        if group is None:
            group = groups[key] = DiffGroup(side_a, side_b, [], {})
        group.situations.append(dims)

    for group in groups.values():
        group.common = _common(group.situations, domains)
    ordered = sorted(groups.values(),
                     key=lambda g: (g.kind != "verdict", -len(g.situations),
                                    repr(g.example)))
    plain = [g for g in ordered if not _is_combination(g, ordered)]
    combined = [g for g in ordered if g not in plain]
    return ProtocolDiff(left.id, right.id, compared, plain, combined)


def _is_combination(group: DiffGroup, groups: list[DiffGroup]) -> bool:
    """True when the group's articles on both sides are those of two other groups together
    (a post with personal data *and* a photo without consent): no new difference."""
    if group.kind != "verdict":
        return False
    peers = [g for g in groups if g is not group and g.kind == "verdict"
             and g.left.verdict == group.left.verdict and g.right.verdict == group.right.verdict]
    for one, two in itertools.combinations(peers, 2):
        if (set(one.left.articles) | set(two.left.articles) == set(group.left.articles)
                and set(one.right.articles) | set(two.right.articles)
                == set(group.right.articles)):
            return True
    return False


def _common(situations: list[Dims], domains: dict[tuple[str, str], set[Any]]
            ) -> dict[str, list[Any]]:
    """The dimensions on which this group is narrower than the space: what it is about."""
    values: dict[str, list[Any]] = {}
    for dims in situations:
        for name, value in dims.items():
            seen = values.setdefault(name, [])
            if value not in seen:
                seen.append(value)
    actions = values["action"]
    common = {}
    for name, seen in values.items():
        domain: set[Any] = set()
        for action in actions:
            domain |= domains.get((action, name), set())
        if len(seen) < len(domain) or name in ("action", "actor.role"):
            common[name] = seen
    return common
