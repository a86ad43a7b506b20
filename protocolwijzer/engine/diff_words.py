"""The behavioural diff in plain words: one sentence per group of situations two protocols
decide differently, for a schoolleider or an MR member who reads no dimension names.

"Ouders mogen na deze wijziging foto's of video's niet meer plaatsen op Facebook of in de
klassenapp zonder toestemming van wie erop staat (A.5)."

Pure: it reads a ``DiffGroup`` (engine/diff.py) and the contract's vocabulary; every word is
the vocabulary's, through gettext. Nothing here knows a protocol: the articles come from
the group, and a value the vocabulary has no words for is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from protocolwijzer.engine.diff import DiffGroup, ProtocolDiff
from protocolwijzer.engine.explain import verdict_label
from protocolwijzer.i18n import gettext as _

_ALL_ROLES = ("staff", "student", "parent", "other")
# The plainest value of a dimension: a group that only has it says nothing by it.
_PLAIN = {"text.abuse": "none", "media": "none", "text.personal_data": False,
          "text.own_opinion_disclaimer": False, "text.third_party_disclaimer": False,
          "text.employee_mention": False}
_WITHOUT_CONSENT = {"photo_student_unknown", "photo_student_refused"}


def _roles(role: str) -> str:
    return {"staff": _("staff members"), "student": _("students"), "parent": _("parents"),
            "other": _("others involved")}.get(role, role)


def _verb(action: str) -> str:
    return {"publish": _("post"), "use_social_media": _("use social media"),
            "discuss": _("write about it"), "befriend": _("become friends"),
            "contact": _("have contact"), "like": _("like something")}.get(action, action)


def _place(channel: str) -> str:
    return {"facebook": _("on Facebook"), "class_group_app": _("in the class app"),
            "school_website": _("on the school website"), "yearbook": _("in the yearbook"),
            "x": _("on X"), "whatsapp": _("on WhatsApp"), "instagram": _("on Instagram"),
            "newsletter": _("in the newsletter")}.get(channel, channel)


def _media(value: str) -> str:
    return {"photo_consent_given": _("with the consent of everyone in them"),
            "photo_student_unknown": _("of students whose consent is not known"),
            "photo_student_refused": _("of students who said no")}.get(value, value)


def _condition(name: str, value: Any) -> str | None:
    """A phrase for one value of a dimension, or None for a value that says nothing."""
    if _PLAIN.get(name, object()) == value:
        return None
    words: dict[str, Callable[[Any], str | None]] = {
        "context": lambda v: {"work": _("at work"), "off_duty": _("in their own time"),
                              "lesson": _("during a lesson")}.get(v, v),
        "permission": lambda v: None if v is None else {
            "teacher": _("with the teacher's permission"),
            "school_leadership": _("with the school management's permission")}.get(v, v),
        "account": lambda v: {"personal": _("with a personal account"),
                              "professional": _("with a professional account"),
                              "school": _("with the school's account")}.get(v, v),
        "target": lambda v: {"student": _("with students"), "parent": _("with parents"),
                             "former_student": _("with former students"),
                             "staff": _("with colleagues"),
                             "school_page": _("with the school's page")}.get(v, v),
        "target.account": lambda v: {"personal": _("on their personal account"),
                                     "professional": _("on their professional account")
                                     }.get(v, v),
        "text.abuse": lambda v: {"abusive": _("with an abusive text"),
                                 "threat": _("with a threat")}.get(v, v),
        "text.personal_data": lambda v: _("with personal information of others") if v
        else _("without personal information of others"),
        "text.own_opinion_disclaimer": lambda v: _("saying it is their own opinion") if v
        else _("without saying it is their own opinion"),
        "text.third_party_disclaimer": lambda v: _("saying they speak for themselves") if v
        else None,
        "text.employee_mention": lambda v: _("saying they work at the school") if v
        else _("without saying they work at the school"),
    }
    say = words.get(name)
    return say(value) if say is not None else f"{name}={value}"


def _or(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(item for item in items if item))
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s or %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _and(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _who(roles: Iterable[str]) -> str:
    roles = list(roles)
    if set(_ALL_ROLES) <= set(roles):
        return _("everyone")
    return _and([_roles(role) for role in roles])


def _what_and_condition(common: dict[str, list[Any]]) -> tuple[str, str]:
    """What is posted ("photos or videos") and the phrase about its people, from media."""
    media = [m for m in common.get("media", []) if m != "none"]
    if not media:
        return "", ""
    if set(media) <= _WITHOUT_CONSENT and len(media) == len(_WITHOUT_CONSENT):
        return _("photos or videos"), _("without the consent of those in them")
    return _("photos or videos"), _or([_media(m) for m in media])


def describe_group(group: DiffGroup) -> str:
    """One sentence in plain words saying what changes for whom, with the articles."""
    common = group.common
    who = _who(common.get("actor.role", _ALL_ROLES))
    verb = _or([_verb(a) for a in common.get("action", [])])
    what, media_condition = _what_and_condition(common)
    conditions = [media_condition] if media_condition else []
    for name, values in common.items():
        if name in ("actor.role", "action", "channel", "media"):
            continue
        conditions.append(_or([c for c in (_condition(name, v) for v in values) if c]))
    parts = {"who": who, "what": what, "verb": verb,
             "where": _or([_place(c) for c in common.get("channel", [])]),
             "when": _and([c for c in conditions if c])}
    before, after = group.left, group.right
    articles = after.articles if after.verdict != "allowed" else before.articles
    if group.kind != "verdict":
        articles = tuple(dict.fromkeys(after.consequence_articles
                                       + before.consequence_articles))
    sentence = _sentence(before.verdict, after.verdict, group.kind, parts)
    sentence = " ".join(sentence.split())  # empty parts leave double spaces
    sentence = sentence[:1].upper() + sentence[1:]
    if articles:
        return _("%(sentence)s (%(articles)s).") % {"sentence": sentence,
                                                    "articles": ", ".join(articles)}
    return sentence + "."


def _sentence(before: str, after: str, kind: str, parts: dict[str, str]) -> str:
    if kind != "verdict":
        return _("%(who)s who %(verb)s %(what)s %(where)s %(when)s get other measures "
                 "after this change") % parts
    if before in ("allowed", "out_of_scope") and after == "forbidden":
        return _("%(who)s may no longer %(verb)s %(what)s %(where)s %(when)s after this "
                 "change") % parts
    if before == "forbidden" and after in ("allowed", "out_of_scope"):
        return _("%(who)s may now %(verb)s %(what)s %(where)s %(when)s after this "
                 "change") % parts
    if after == "needs_changes":
        return _("%(who)s must first change something before they %(verb)s %(what)s "
                 "%(where)s %(when)s after this change") % parts
    if before == "needs_changes" and after == "allowed":
        return _("%(who)s no longer need to change anything to %(verb)s %(what)s %(where)s "
                 "%(when)s after this change") % parts
    return _("When %(who)s %(verb)s %(what)s %(where)s %(when)s, the answer changes from "
             "“%(before)s” to “%(after)s”") % {**parts, "before": verdict_label(before),
                                               "after": verdict_label(after)}


def describe_diff(result: ProtocolDiff) -> list[str]:
    """Every group of the diff as a sentence, the biggest differences first."""
    return [describe_group(group) for group in result.groups]
