"""Items made directly (without the upload and the jobs), for tests of access, consent,
retention and the views; and small synthetic images (no photo of a real person)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from django.utils import timezone
from PIL import Image

from protocolwijzer.media import storage
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.schools.models import Person, School

Box = tuple[int, int, int, int]


def jpeg(width: int = 64, height: int = 48, colour: tuple[int, int, int] = (200, 120, 40),
         ) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def make_item(school: School, uploaded_by: Person | None, *,
              status: str = MediaItem.Status.READY,
              faces: Sequence[Box] = ((4, 4, 20, 20), (30, 4, 46, 20)),
              result: bool = False, created_at: datetime.datetime | None = None,
              checked_at: datetime.datetime | None = None) -> MediaItem:
    item = MediaItem(school=school, uploaded_by=uploaded_by, kind=MediaItem.Kind.PHOTO,
                     format="JPEG", width=64, height=48, status=status, progress=100,
                     generation=1, created_at=created_at or timezone.now(),
                     checked_at=checked_at,
                     detected_at=None if status == MediaItem.Status.DETECTING
                     else timezone.now())
    item.original.name = storage.write(storage.new_name(item, "original", "jpg"), jpeg())
    if result:
        item.result.name = storage.write(storage.new_name(item, "result", "jpg"),
                                         jpeg(colour=(0, 0, 0)))
        item.status = MediaItem.Status.DONE
        item.blurred_at = timezone.now()
    item.save()
    if status != MediaItem.Status.DETECTING:
        for number, box in enumerate(faces, start=1):
            face = MediaFace(item=item, number=number, score=0.9)
            face.box = box
            face.save()
    return item
