"""What the consent register says about the faces on a photo or video, and the ``media``
entry of the situation contract (shared/spec/situation.md) that follows from the tags.

People tag, the register decides: a face tagged as a student gets that student's consent
for the purpose the channel implies (``consent.register.purpose_code_for_channel``), on
the day of the check. A face that is blurred or removed is not shown, so it does not count.
The rest count as people the protocol must judge:

- a tagged student: role ``student``, the register's state (given, refused, unknown);
- an untagged face and one tagged "unknown": most faces on a school photo are students,
  so role ``student`` with consent ``unknown`` (the protocol decides: Roermond A.5 needs
  explicit permission, Willibrord A.8 allows the website unless refused);
- "not a student of ours": role ``other``, consent ``unknown`` (the school's list says
  nothing about them; A.5 still needs their permission on social media).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from protocolwijzer.consent.models import Purpose
from protocolwijzer.consent.register import purpose_code_for_channel, status_of
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.schools.models import Person

# The contract's media kinds: a sound recording is "audio" there.
CONTRACT_KIND = {MediaItem.Kind.PHOTO: "photo", MediaItem.Kind.VIDEO: "video",
                 MediaItem.Kind.SOUND: "audio"}


@dataclass(frozen=True)
class FaceConsent:
    face: MediaFace
    student: Person | None  # the tagged student, if any
    tag: str  # MediaFace.Tag
    role: str  # the contract's person role: student or other
    consent: str  # given | refused | unknown
    # What the register's class list says (with the purpose's rule for silence); None
    # when no register applies (not tagged as one of our students, or the school keeps
    # no register for the purpose).
    may_appear: bool | None
    shown: bool  # neither removed nor blurred

    @property
    def needs_blur(self) -> bool:
        """Shown, and the register does not let the student appear (the fix: blur it)."""
        return self.shown and self.consent != "given" and self.may_appear is not True


def faces_against_consent(item: MediaItem, channel: str | None, day: datetime.date,
                          ) -> list[FaceConsent]:
    """Every face of ``item`` that is not removed, in number order, with the register's
    consent for the purpose a post on ``channel`` needs, on ``day``. Reads no one's
    consent beyond the students tagged on this item (the tagger could see them)."""
    faces = list(item.faces.filter(removed=False).select_related("student")
                 .order_by("number"))
    code = purpose_code_for_channel(channel)
    purpose = Purpose.objects.filter(school_id=item.school_id, code=code,
                                     is_active=True).first()
    result = []
    for face in faces:
        student = face.student if face.tag == MediaFace.Tag.STUDENT else None
        role, consent, may_appear = "student", "unknown", None
        if face.tag == MediaFace.Tag.NOT_OURS:
            role = "other"
        elif student is not None and purpose is not None:
            status = status_of(student, purpose, day)
            consent, may_appear = status.state, status.may_appear
        result.append(FaceConsent(face=face, student=student, tag=face.tag, role=role,
                                  consent=consent, may_appear=may_appear,
                                  shown=face.is_shown))
    return result


def situation_media(item: MediaItem, channel: str | None, day: datetime.date,
                    ) -> dict[str, Any]:
    """The ``post.media[]`` entry for ``item``: its kind and one person per face that is
    shown, with role and consent; no names and no ids (the consent is already the
    register's). A sound recording has no faces: its entry states no people, so the
    checker asks who can be heard."""
    kind = CONTRACT_KIND[MediaItem.Kind(item.kind)]
    if item.kind == MediaItem.Kind.SOUND:
        return {"kind": kind}
    people = [{"role": face.role, "consent": face.consent}
              for face in faces_against_consent(item, channel, day) if face.shown]
    return {"kind": kind, "people": people}
