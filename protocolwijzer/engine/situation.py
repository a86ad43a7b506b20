"""The situation a person describes, validated against shared/spec/situation.md.

``parse_situation`` refuses anything outside the contract with one message per problem,
naming the field (``actor.role: 'teacher' is not one of staff, student, parent, other``).
Nothing is guessed: a missing required field is an error, not a default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from protocolwijzer.engine import limits
from protocolwijzer.engine import vocabulary as v
from protocolwijzer.engine.errors import Problem, SituationError
from protocolwijzer.engine.jsonsafe import check_json, looks_like_json
from protocolwijzer.i18n import gettext as _

MAX_TEXT = 20_000
MAX_MEDIA = 50
MAX_PEOPLE = 200


@dataclass(frozen=True)
class Person:
    role: str
    consent: str
    name: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Media:
    kind: str
    file: str | None = None
    people: tuple[Person, ...] = ()
    # False when the situation does not say who is on it ("people" absent or null);
    # an empty list says that nobody is on it.
    people_stated: bool = True


@dataclass(frozen=True)
class Situation:
    protocol: str
    actor_role: str
    context: str
    school_related: bool
    action: str
    channel: str | None = None
    account: str | None = None
    target_role: str | None = None
    target_account: str | None = None
    permission_granted_by: str | None = None
    text: str = ""
    media: tuple[Media, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_social_media(self) -> bool:
        # No channel named: the checker's actions are about social media by definition.
        return self.channel is None or self.channel not in v.NOT_SOCIAL_MEDIA


_TOP_FIELDS = ("protocol", "actor", "context", "school_related", "action", "channel",
               "account", "target", "permission", "post")
_TARGET_ACTIONS = ("befriend", "contact", "like")


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(field_name, message))

    def mapping(self, value: Any, field_name: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(field_name, _("must be an object."))
            return {}
        for key in value:
            if key not in allowed:
                self.fail(f"{field_name}.{key}" if field_name else str(key),
                          _("is not a field of the situation; known fields are %(known)s.")
                          % {"known": ", ".join(allowed)})
        return value

    def choice(self, value: Any, field_name: str, choices: tuple[str, ...],
               required: bool = True) -> str | None:
        if value is None:
            if required:
                self.fail(field_name, _("is required (one of %(choices)s).")
                          % {"choices": ", ".join(choices)})
            return None
        if not isinstance(value, str) or value not in choices:
            self.fail(field_name, _("'%(value)s' is not one of %(choices)s.")
                      % {"value": value, "choices": ", ".join(choices)})
            return None
        return value


def parse_situation(data: Any, protocol: str | None = None) -> Situation:
    """Validates plain data (from JSON or YAML) into a Situation, or raises SituationError.

    ``protocol`` (from ``--protocol``) is used when the situation names none.
    """
    r = _Reader()
    if not isinstance(data, dict):
        raise SituationError([Problem("", _("A situation must be a JSON or YAML object."))])
    r.mapping(data, "", _TOP_FIELDS)

    protocol_id = data.get("protocol", protocol)
    if protocol_id is None:
        r.fail("protocol", _("is required: name the protocol, for example "
                             "willibrord-miland-2023."))
    elif not isinstance(protocol_id, str) or not protocol_id:
        r.fail("protocol", _("must be a protocol id."))

    actor = data.get("actor")
    actor_role = None
    if actor is None:
        r.fail("actor", _("is required, with a role (one of %(choices)s).")
               % {"choices": ", ".join(v.ROLES)})
    else:
        actor = r.mapping(actor, "actor", ("role",))
        actor_role = r.choice(actor.get("role"), "actor.role", v.ROLES)

    context = r.choice(data.get("context"), "context", v.CONTEXTS)
    action = r.choice(data.get("action"), "action", v.ACTIONS)
    school_related = data.get("school_related")
    if not isinstance(school_related, bool):
        if school_related is None:
            r.fail("school_related", _("is required: true or false."))
        else:
            r.fail("school_related", _("'%(value)s' is not true or false.")
                   % {"value": school_related})

    channel = data.get("channel")
    if channel is not None:
        if not isinstance(channel, str) or not channel.strip() or len(channel) > 60:
            r.fail("channel", _("must be the name of a channel, such as facebook or "
                                "school_website."))
            channel = None
        else:
            channel = channel.strip().lower()
    account = r.choice(data.get("account"), "account", v.ACCOUNTS, required=False)

    target_role = target_account = None
    target = data.get("target")
    if target is not None:
        target = r.mapping(target, "target", ("role", "account"))
        target_role = r.choice(target.get("role"), "target.role", v.TARGET_ROLES)
        target_account = r.choice(target.get("account"), "target.account", v.ACCOUNTS,
                                  required=False)
    elif action in _TARGET_ACTIONS:
        r.fail("target", _("is required for the action '%(action)s': say who (one of "
                           "%(choices)s).") % {"action": action,
                                               "choices": ", ".join(v.TARGET_ROLES)})

    granted_by = None
    permission = data.get("permission")
    if permission is not None:
        permission = r.mapping(permission, "permission", ("granted_by",))
        granted_by = r.choice(permission.get("granted_by"), "permission.granted_by",
                              v.PERMISSION_GIVERS)

    text = ""
    media: list[Media] = []
    post = data.get("post")
    if post is not None:
        post = r.mapping(post, "post", ("text", "media"))
        text_value = post.get("text", "")
        if text_value is None:
            text_value = ""
        if not isinstance(text_value, str):
            r.fail("post.text", _("must be text."))
        elif len(text_value) > MAX_TEXT:
            r.fail("post.text", _("is longer than %(limit)s characters.") % {"limit": MAX_TEXT})
        else:
            text = text_value
        media = _parse_media(r, post.get("media", []))

    if r.problems:
        raise SituationError(r.problems)
    assert protocol_id is not None and actor_role and context and action
    return Situation(
        protocol=protocol_id, actor_role=actor_role, context=context,
        school_related=bool(school_related), action=action, channel=channel, account=account,
        target_role=target_role, target_account=target_account,
        permission_granted_by=granted_by, text=text, media=tuple(media), raw=data)


def _parse_media(r: _Reader, items: Any) -> list[Media]:
    if items is None:
        return []
    if not isinstance(items, list):
        r.fail("post.media", _("must be a list."))
        return []
    if len(items) > MAX_MEDIA:
        r.fail("post.media", _("has more than %(limit)s items.") % {"limit": MAX_MEDIA})
        return []
    media = []
    for i, item in enumerate(items):
        where = f"post.media[{i}]"
        item = r.mapping(item, where, ("kind", "file", "people"))
        kind = r.choice(item.get("kind"), f"{where}.kind", v.MEDIA_KINDS)
        file = item.get("file")
        if file is not None and (not isinstance(file, str) or not file):
            r.fail(f"{where}.file", _("must be a file name."))
            file = None
        people_raw = item.get("people")
        people = []
        people_stated = people_raw is not None
        if people_raw is None:
            people_raw = []
        if not isinstance(people_raw, list):
            r.fail(f"{where}.people", _("must be a list."))
            people_raw = []
        if len(people_raw) > MAX_PEOPLE:
            r.fail(f"{where}.people", _("has more than %(limit)s people.")
                   % {"limit": MAX_PEOPLE})
            people_raw = []
        for j, person_raw in enumerate(people_raw):
            pwhere = f"{where}.people[{j}]"
            person_raw = r.mapping(person_raw, pwhere, ("role", "name", "id", "consent"))
            role = r.choice(person_raw.get("role"), f"{pwhere}.role", v.PERSON_ROLES)
            consent = r.choice(person_raw.get("consent"), f"{pwhere}.consent",
                               v.CONSENT_STATES)
            name = person_raw.get("name")
            pid = person_raw.get("id")
            for key, value in (("name", name), ("id", pid)):
                # bool is an int in Python, but true/false is no name or id.
                if value is not None and (isinstance(value, bool)
                                          or not isinstance(value, str | int)):
                    r.fail(f"{pwhere}.{key}", _("must be text."))
            if role and consent:
                people.append(Person(role, consent,
                                     None if name is None else str(name),
                                     None if pid is None else str(pid)))
        if kind:
            media.append(Media(kind, file, tuple(people), people_stated))
    return media


def read_situation_text(text: str | bytes) -> Any:
    """Plain data from a situation file: JSON, or YAML (loaded safely), within the
    limits of ``limits.py`` (SituationError naming the limit otherwise)."""
    source = limits.decode(text, SituationError)
    if looks_like_json(source):
        check_json(source, SituationError)
        try:
            return json.loads(source)
        except ValueError:
            pass  # YAML in flow style, or a number too long: the YAML loader says which
    from protocolwijzer.engine.yamlsafe import load_yaml  # only for YAML: a check starts faster

    return load_yaml(source, SituationError).data
