"""The face tracks of a video (``imaging.VideoFaces``) kept between detection and blur.

Detection of a video takes a while; blurring needs its tracks (a box per frame per face),
so they are stored beside the original as JSON (never pickle: a stored file must not be
able to run code). Thumbnails are stored as files of their own, not in here. A box drawn
by hand on a video becomes a track of its own that covers that spot in every frame.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

Box = tuple[int, int, int, int]
# Ids of hand-drawn tracks start here, far from the detector's own.
DRAWN_TRACK_IDS = 1_000_000


def _boxes(track: Any) -> dict[int, Box]:
    boxes = track.boxes
    if isinstance(boxes, dict):
        return {int(k): tuple(int(v) for v in box) for k, box in boxes.items()}  # type: ignore[misc]
    return {int(k): tuple(int(v) for v in box) for k, box in boxes}  # type: ignore[misc]


def ordered(faces: Any) -> list[Any]:
    """The tracks in reading order of where they first appear (left to right, top to
    bottom), as the numbers on a photo."""
    def first(track: Any) -> tuple[int, int, int]:
        boxes = _boxes(track)
        frame = min(boxes) if boxes else 0
        box = boxes.get(frame, (0, 0, 0, 0))
        return (frame, box[1], box[0])

    return sorted(faces.tracks, key=first)


def first_box(track: Any) -> Box:
    boxes = _boxes(track)
    return boxes[min(boxes)] if boxes else (0, 0, 0, 0)


def score_of(track: Any) -> float | None:
    score = getattr(track, "score", None)
    return float(score) if score is not None else None


def dumps(faces: Any) -> bytes:
    """The tracks as JSON (without thumbnails)."""
    data = {field.name: getattr(faces, field.name) for field in dataclasses.fields(faces)
            if field.name != "tracks"}
    data["tracks"] = [
        {**{f.name: getattr(track, f.name) for f in dataclasses.fields(track)
            if f.name not in ("boxes", "thumbnail")},
         "boxes": {str(frame): list(box) for frame, box in _boxes(track).items()}}
        for track in faces.tracks]
    return json.dumps(data, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    """``imaging.VideoFaces`` back from ``dumps``."""
    from protocolwijzer.imaging import Track, VideoFaces

    raw = json.loads(data)
    tracks = []
    for entry in raw.pop("tracks"):
        boxes = {int(frame): tuple(box) for frame, box in entry.pop("boxes").items()}
        names = {f.name for f in dataclasses.fields(Track)}
        values = {k: v for k, v in entry.items() if k in names}
        if "thumbnail" in names:
            values["thumbnail"] = b""
        tracks.append(Track(boxes=boxes, **values))
    names = {f.name for f in dataclasses.fields(VideoFaces)}
    return VideoFaces(tracks=tracks, **{k: v for k, v in raw.items() if k in names})


def with_drawn_boxes(faces: Any, chosen: Sequence[int], drawn: Sequence[Box], *,
                     frames: int) -> tuple[Any, list[int]]:
    """``faces`` with a still track for each drawn box (every frame), and the ids of the
    tracks to blur: ``chosen`` plus the drawn ones."""
    from protocolwijzer.imaging import Track, VideoFaces

    if faces is None:
        faces = VideoFaces(tracks=[])
    extra = []
    ids = list(chosen)
    for n, box in enumerate(drawn):
        track_id = DRAWN_TRACK_IDS + n
        values: dict[str, Any] = {"id": track_id,
                                  "boxes": {frame: tuple(box) for frame in range(frames)}}
        if "thumbnail" in {f.name for f in dataclasses.fields(Track)}:
            values["thumbnail"] = b""
        extra.append(Track(**values))
        ids.append(track_id)
    if extra:
        faces = dataclasses.replace(faces, tracks=[*faces.tracks, *extra])
    return faces, ids
