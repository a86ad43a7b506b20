"""The face tracks of a video (``imaging.VideoFaces``) kept between detection and blur.

Detection of a video takes a while; blurring needs its tracks (boxes per frame), so they
are stored beside the original as JSON (``VideoFaces.to_dict``; never pickle: a stored
file must not be able to run code). Thumbnails are files of their own. A box drawn by hand
on a video becomes a still track that covers that spot in every frame.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

Box = tuple[int, int, int, int]
# Ids of hand-drawn tracks start here, far from the detector's own.
DRAWN_TRACK_IDS = 1_000_000


def ordered(faces: Any) -> list[Any]:
    """The tracks in the detector's order (of first appearance): numbers 1, 2, ..."""
    return list(faces.tracks)


def first_box(track: Any) -> Box:
    _frame, box = track.keyframes[0]
    return (int(box[0]), int(box[1]), int(box[2]), int(box[3]))


def score_of(track: Any) -> float | None:
    return float(track.score) if track.score else None


def dumps(faces: Any) -> bytes:
    return json.dumps(faces.to_dict(), separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    from protocolwijzer.imaging import VideoFaces

    return VideoFaces.from_dict(json.loads(data))


def with_drawn_boxes(faces: Any, chosen: Sequence[int], drawn: Sequence[Box], *,
                     frames: int) -> tuple[Any, list[int]]:
    """``faces`` with a still track for each drawn box, and the ids of the tracks to blur:
    ``chosen`` plus the drawn ones."""
    import dataclasses

    from protocolwijzer.imaging import VideoFaces, still_track

    if faces is None:
        faces = VideoFaces(0, 0, 0.0, frames, [])
    total = faces.frames or frames
    extra = [still_track(DRAWN_TRACK_IDS + n, tuple(box), total)  # type: ignore[arg-type]
             for n, box in enumerate(drawn)]
    ids = [*chosen, *(track.id for track in extra)]
    if extra:
        faces = dataclasses.replace(faces, tracks=[*faces.tracks, *extra])
    return faces, ids
