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


def group_photo_jpeg(faces: int = 3, size: tuple[int, int] = (640, 360), seed: int = 3,
                     *, exif: bool = True) -> bytes:
    """A synthetic class photo (imaging.faceset: no real person) as a JPEG, with EXIF that
    says where and when it was taken, as a phone's would."""
    from protocolwijzer.imaging.faceset import group_photo

    image = group_photo(seed, size, faces=faces).image.convert("RGB")
    out = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Telefoonmerk"  # Make
        tags[0x0132] = "2026:03:14 10:15:00"  # DateTime
        gps = tags.get_ifd(0x8825)
        gps[1], gps[2] = "N", (51.0, 11.0, 30.0)
        gps[3], gps[4] = "E", (5.0, 59.0, 10.0)
        image.save(out, "JPEG", quality=90, exif=tags)
    else:
        image.save(out, "JPEG", quality=90)
    return out.getvalue()


def group_video_mp4(path: str, faces: int = 2, frames: int = 10,
                    size: tuple[int, int] = (320, 180)) -> bytes:
    """A short synthetic video (a still class photo, ``frames`` frames at 10 fps)."""
    import imageio_ffmpeg
    import numpy as np

    from protocolwijzer.imaging.faceset import group_photo

    frame = np.asarray(group_photo(3, size, faces=faces).image.convert("RGB"))
    writer = imageio_ffmpeg.write_frames(path, size, fps=10, codec="libx264",
                                         macro_block_size=1,
                                         output_params=["-preset", "ultrafast"])
    writer.send(None)
    for _ in range(frames):
        writer.send(frame.tobytes())
    writer.close()
    with open(path, "rb") as handle:
        return handle.read()


def wav(seconds: float = 0.5) -> bytes:
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x10" * int(8000 * seconds))
    return out.getvalue()


def matrix_items(p: object) -> dict[str, int]:
    """For the role × route matrix (protocolwijzer/tests/test_route_matrix.py), an item
    per target: ``own`` uploaded by the mentor of 1A, ``unlinked`` by the communications
    lead of the same school (neither the mentor's nor the medewerker's), ``elsewhere`` by
    a teacher of De Wilgenhoek."""
    return {"own": make_item(p.school, p.mentor).pk,  # type: ignore[attr-defined]
            "unlinked": make_item(p.school, p.communicatie).pk,  # type: ignore[attr-defined]
            "elsewhere": make_item(p.other_school,  # type: ignore[attr-defined]
                                   p.other_teacher).pk}  # type: ignore[attr-defined]
