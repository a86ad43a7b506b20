"""From the checker's form to a situation of the contract (shared/spec/situation.md), and
the contract's problems back onto the form.

The web form builds exactly the data ``protocolwijzer check`` reads, and hands it to the
same ``parse_situation``: what the contract refuses, the page refuses with the same
message, shown next to the field it is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from protocolwijzer.analysis import Roster
from protocolwijzer.checks.forms import (
    FIELD_FOR_PROBLEM,
    PROBLEM_MESSAGES,
    BasePhotoFormSet,
    CheckForm,
)
from protocolwijzer.checks.media import CONTRACT_KIND, CheckedMedia, item_version, media_entry
from protocolwijzer.engine.check import TextContext
from protocolwijzer.engine.errors import Problem
from protocolwijzer.schools.models import School
from protocolwijzer.schools.policy import Membership, people_visible_to

if TYPE_CHECKING:
    from protocolwijzer.media.register import FaceConsent


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
                         actor_role: str, faces: dict[int, list[FaceConsent]] | None = None,
                         ) -> tuple[dict[str, Any], list[int], list[CheckedMedia]]:
    """The situation the (valid) forms describe; for each post.media[i] the index of the
    photo slot it came from (to put a problem with it next to that slot); and the media
    items checked, with the version of each.

    ``actor_role`` and ``protocol_id`` come from the membership and the school, never from
    the form. A photo or video is its tagged faces with the register's consent (``faces``,
    by slot: ``media.actions.do_mark_checked``), in the version the user would post (the
    blurred one once it is ready); sound, and a slot without a file, are the counts. File
    names never enter the situation.
    """
    data = form.cleaned_data
    target = None
    if data.get("target_role"):
        target = {"role": data["target_role"]}
        if data.get("target_account"):
            target["account"] = data["target_account"]
    media: list[dict[str, Any]] = []
    slots = []
    checked = []
    for index, photo_form in enumerate(photos.forms):
        if not photo_form.is_used:  # type: ignore[attr-defined]
            continue
        item = photo_form.media_item  # type: ignore[attr-defined]
        if item is not None and not photo_form.uses_counts:  # type: ignore[attr-defined]
            version = item_version(item)
            consents = (faces or {}).get(index, [])
            checked.append(CheckedMedia(len(media), item, version, consents))
            media.append(media_entry(item, version, consents))
            slots.append(index)
            continue
        counts = photo_form.counts()  # type: ignore[attr-defined]
        people = [{"role": "student", "consent": consent}
                  for consent in ("given", "refused", "unknown")
                  for _ in range(counts[consent])]
        kind = CONTRACT_KIND[item.kind] if item is not None else (
            photo_form.cleaned_data.get("kind") or "photo")
        entry: dict[str, Any] = {"kind": kind}
        if photo_form.people_stated:  # type: ignore[attr-defined]
            entry["people"] = people
        media.append(entry)
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
    return situation, slots, checked


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
