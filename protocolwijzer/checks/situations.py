"""From the checker's form to a situation of the contract (shared/spec/situation.md), and
the contract's problems back onto the form.

The web form builds exactly the data ``protocolwijzer check`` reads, and hands it to the
same ``parse_situation``: what the contract refuses, the page refuses with the same
message, shown next to the field it is about.
"""

from __future__ import annotations

from typing import Any

from protocolwijzer.analysis import Roster
from protocolwijzer.checks.forms import (
    FIELD_FOR_PROBLEM,
    PROBLEM_MESSAGES,
    BasePhotoFormSet,
    CheckForm,
)
from protocolwijzer.engine.check import TextContext
from protocolwijzer.engine.errors import Problem
from protocolwijzer.schools.models import School
from protocolwijzer.schools.policy import Membership, people_visible_to


def text_context(membership: Membership | None, school: School | None) -> TextContext:
    """What the analysis of a post's text knows of the school (``engine.check``).

    The school's own names (the school's, the stichting's; the protocol's are added by the
    engine) are no person, its public phone number, e-mail, website and address are no
    personal data, and the names of its people are known names, whatever their case. The
    roster is only the people this user may see anyway (``people_visible_to``), so the
    analysis never tells a parent that a name belongs to someone at the school.
    """
    names: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    if school is not None:
        names = (school.name, school.stichting.name)
        contacts = tuple(school.public_contacts)
    roster = None
    if membership is not None:
        people = people_visible_to(membership)
        if school is not None:
            people = people.filter(school=school)
        roster = Roster.of(" ".join(parts) for parts in people.values_list(
            "first_name", "last_name"))
    return TextContext(names, contacts, roster)


def situation_from_forms(form: CheckForm, photos: BasePhotoFormSet, *, protocol_id: str,
                         actor_role: str) -> tuple[dict[str, Any], list[int]]:
    """The situation the (valid) forms describe, and for each post.media[i] the index of
    the photo slot it came from (to put a problem with it next to that slot).

    ``actor_role`` and ``protocol_id`` come from the membership and the school, never from
    the form. Uploaded files are represented by their media item without "file": the
    engine is told that a photo exists, not where it is, because it is not kept anywhere.
    """
    data = form.cleaned_data
    target = None
    if data.get("target_role"):
        target = {"role": data["target_role"]}
        if data.get("target_account"):
            target["account"] = data["target_account"]
    media = []
    slots = []
    for index, photo_form in enumerate(photos.forms):
        if not photo_form.is_used:  # type: ignore[attr-defined]
            continue
        counts = photo_form.counts()  # type: ignore[attr-defined]
        people = [{"role": "student", "consent": consent}
                  for consent in ("given", "refused", "unknown")
                  for _ in range(counts[consent])]
        item: dict[str, Any] = {"kind": photo_form.cleaned_data.get("kind") or "photo"}
        if photo_form.people_stated:  # type: ignore[attr-defined]
            item["people"] = people
        media.append(item)
        slots.append(index)
    situation = {
        "protocol": protocol_id,
        "actor": {"role": actor_role},
        "context": data.get("context") or None,
        "school_related": {"yes": True, "no": False}.get(data.get("school_related") or ""),
        "action": data.get("action") or None,
        "channel": data.get("channel") or None,
        "account": data.get("account") or None,
        "target": target,
        "permission": ({"granted_by": data["permission"]} if data.get("permission")
                       else None),
        "post": {"text": data.get("text") or "", "media": media},
    }
    return situation, slots


def show_problems(problems: tuple[Problem, ...], form: CheckForm, photos: BasePhotoFormSet,
                  slots: list[int]) -> None:
    """Puts each contract problem next to the form field it names; the rest above the form.

    A media problem (``post.media[2].people[0].consent``) goes to the photo slot it came
    from; anything the form cannot show by a field, such as the protocol or actor.role
    (which the page sets itself, so a problem there is ours), goes to the whole form.
    """
    for problem in problems:
        field_name = FIELD_FOR_PROBLEM.get(problem.field)
        if field_name is not None:
            form.add_error(field_name, str(PROBLEM_MESSAGES.get(problem.field,
                                                                 problem.message)))
            continue
        slot = _media_slot(problem.field, slots)
        if slot is not None:
            photos.forms[slot].add_error(None, problem.message)
            continue
        form.add_error(None, problem.format())


def _media_slot(field_name: str, slots: list[int]) -> int | None:
    prefix = "post.media["
    if not field_name.startswith(prefix):
        return None
    number = field_name[len(prefix):].split("]", 1)[0]
    if not number.isdigit() or int(number) >= len(slots):
        return None
    return slots[int(number)]
