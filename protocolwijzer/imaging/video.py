"""Faces in a video: found on sampled frames, followed between them, covered in every frame.

``detect_video`` looks for faces in the whole frame every ``SAMPLE_SECONDS`` of video and
follows the faces it has between those frames every ``FOLLOW_SECONDS`` (ffmpeg, shipped by
imageio-ffmpeg, decodes; only the sampled frames come through the pipe). Following runs
the network only on a square around where each face is expected, scaled so that the face
is ``FOLLOW_LOOK`` pixels high: for the eight faces of a 720p clip that is a sixth of the
pixels of the whole frame, so a face's box is known twice a second at about 60 % of the
cost of searching the whole frame twice a second. Detections are linked into tracks by
overlap: a face tagged once is the same track from its first sample to its last. Between
samples its box is interpolated, and it is held for one search interval before its first
and after its last sample, so that a face that walks in is covered from the frame it
appears in. ``blur_video`` then decodes all frames, covers the chosen tracks and writes a
new H.264 MP4 without any of the source's metadata, with or without its sound; decoding,
covering and encoding run side by side (two ffmpeg processes and this one).
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
from numpy.typing import NDArray

from protocolwijzer.i18n import gettext as _
from protocolwijzer.imaging.blur import Mode, cover_box, cover_faces_yuv, encode_jpeg
from protocolwijzer.imaging.faces import (
    CONFIRM,
    NMS_IOU,
    THRESHOLD,
    Box,
    detect_faces,
    look_again,
    nms,
)
from protocolwijzer.imaging.files import (
    RefusedFile,
    ffmpeg_exe,
    input_args,
    probe,
    sniff,
)

Progress = Callable[[int, int], None]

#: Seconds between frames searched whole at full resolution.
SAMPLE_SECONDS = 1.0
#: Seconds between those and the frames in between, searched at ``BETWEEN_SCALE`` of
#: their size, with the small faces already found followed at full resolution.
FOLLOW_SECONDS = 0.5
BETWEEN_SCALE = 0.5
BETWEEN_SMALLEST = 480
#: Following a small face (less than ``FOLLOW_BELOW`` pixels high, which the half-size
#: search may miss): the square around its expected box (its size times
#: ``FOLLOW_CONTEXT``) is run at a scale where the face is ``FOLLOW_LOOK`` pixels high. A
#: face that moves its own size beyond where it was expected is still inside the square.
FOLLOW_BELOW = 64
FOLLOW_CONTEXT = 4
FOLLOW_LOOK = 48
#: A detection joins a track when its box overlaps the box the track is expected at (its
#: last box moved on at its last speed) this much (IoU), when its centre lies within
#: ``TRACK_DISTANCE`` face sizes of that box's centre, or within ``TRACK_REACH`` of the
#: last box's (a face that stopped or turned back; a child running across a 720p frame
#: moves two face sizes in half a second). Its size must be within a factor of two of the
#: track's. The closest pairs are linked first, so faces standing side by side keep
#: their own tracks.
TRACK_IOU = 0.2
TRACK_DISTANCE = 1.0
TRACK_REACH = 2.0
#: Samples a track may miss (a turned head, a hand in front) and still go on.
MAX_GAP = 2
THUMBNAIL = 128
#: H.264 encoding: a minute of 720p in about ten seconds of one core's time, at a quality
#: where the covered blocks stay blocks. x264's fastest preset with its arithmetic coding
#: (CABAC) and deblocking put back: a quarter less CPU than "superfast" for a file of the
#: same size.
X264_PRESET = "ultrafast"
X264_PARAMS = "cabac=1:deblock=0,0"
X264_CRF = "21"


@dataclass(frozen=True)
class Track:
    """One face followed through the video: its box on each sampled frame where it was
    found (``keyframes``), the frames it covers, a thumbnail (JPEG) and its best score."""

    id: int
    keyframes: tuple[tuple[int, Box], ...]
    first: int
    last: int
    thumbnail: bytes = b""
    score: float = 0.0

    @cached_property
    def boxes(self) -> dict[int, Box]:
        """The box on every frame from ``first`` to ``last``, interpolated between samples.
        Before the first sample and after the last, where the face was not seen yet or no
        more, the box covers both where it was seen and where it would be at the speed of
        its first or last two samples: a face that walked in or out is covered whether it
        kept going or stood still."""
        out: dict[int, Box] = {}
        keys = self.keyframes
        for frame in range(self.first, keys[0][0]):
            out[frame] = _held(keys[:2], frame)
        for (f1, b1), (f2, b2) in itertools.pairwise(keys):
            for frame in range(f1, f2):
                out[frame] = _between_boxes(f1, b1, f2, b2, frame)
        out[keys[-1][0]] = keys[-1][1]
        for frame in range(keys[-1][0] + 1, self.last + 1):
            out[frame] = _held(keys[-2:][::-1], frame)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "first": self.first, "last": self.last,
                "score": round(self.score, 3),
                "keyframes": [[frame, list(box)] for frame, box in self.keyframes]}


@dataclass(frozen=True)
class VideoFaces:
    """The faces of one video: its frame size (orientation applied), rate and count, and
    the tracks, numbered from 1 in order of first appearance."""

    width: int
    height: int
    fps: float
    frames: int
    tracks: list[Track] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe, without the thumbnails (stored as files of their own)."""
        return {"width": self.width, "height": self.height, "fps": self.fps,
                "frames": self.frames, "tracks": [t.to_dict() for t in self.tracks]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VideoFaces:
        tracks = [Track(int(t["id"]), tuple((int(f), _box(b)) for f, b in t["keyframes"]),
                        int(t["first"]), int(t["last"]), b"", float(t.get("score", 0.0)))
                  for t in data["tracks"]]
        return cls(int(data["width"]), int(data["height"]), float(data["fps"]),
                   int(data["frames"]), tracks)


def _between_boxes(f1: int, b1: Box, f2: int, b2: Box, frame: int) -> Box:
    t = (frame - f1) / (f2 - f1)
    return (round(b1[0] + (b2[0] - b1[0]) * t), round(b1[1] + (b2[1] - b1[1]) * t),
            round(b1[2] + (b2[2] - b1[2]) * t), round(b1[3] + (b2[3] - b1[3]) * t))


def _held(keys: Sequence[tuple[int, Box]], frame: int) -> Box:
    """The box of ``keys[0]`` joined with where it would be on ``frame`` at the speed
    from ``keys[1]`` to ``keys[0]`` (when there is a ``keys[1]``)."""
    f1, b1 = keys[0]
    if len(keys) < 2:
        return b1
    f2, b2 = keys[1]
    moved = _between_boxes(f1, b1, f2, b2, frame)
    return (min(b1[0], moved[0]), min(b1[1], moved[1]), max(b1[2], moved[2]),
            max(b1[3], moved[3]))


def _box(values: Sequence[Any]) -> Box:
    x1, y1, x2, y2 = (int(v) for v in values)
    return (x1, y1, x2, y2)


def still_track(track_id: int, box: Box, frames: int) -> Track:
    """A box drawn by hand on a video: covered in every frame."""
    return Track(track_id, ((0, box),), 0, max(0, frames - 1))


# -- reading ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Source:
    path: Path
    format: str
    width: int
    height: int
    fps: float
    frames: int
    has_audio: bool


def _source(path: Path) -> _Source:
    with path.open("rb") as handle:
        fmt = sniff(handle.read(64))
    if fmt not in ("MP4", "MOV"):
        raise RefusedFile(_("This file is not an MP4 or MOV video."))
    info = probe(path, fmt)
    if not info.width or not info.height or not info.frames:
        raise RefusedFile(_("This %(format)s file holds no video that can be read.")
                          % {"format": fmt})
    width, height = info.width, info.height
    if info.rotation in (90, 270):
        width, height = height, width
    fps = info.fps or (info.frames / info.duration if info.duration else 25.0)
    return _Source(path, fmt, width, height, fps, info.frames, info.has_audio)


def _read_frames(source: _Source, every: int = 1) -> Iterator[tuple[int, NDArray[np.uint8]]]:
    """(frame index, RGB frame) for every ``every``-th frame, orientation applied."""
    size = source.width * source.height * 3
    for index, data in _decoded(source, every, "rgb24", size):
        yield index, np.frombuffer(data, np.uint8).reshape(source.height, source.width, 3)


Planes = tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8]]


def _read_yuv_frames(source: _Source) -> Iterator[tuple[int, bytearray, Planes]]:
    """(frame index, the frame's bytes, its Y, U and V planes) for every frame, in the
    decoder's own YUV 4:2:0: no conversion to RGB and back for frames that are only
    passed on, and half the bytes through the pipes."""
    width, height = source.width, source.height
    chroma_w, chroma_h = (width + 1) // 2, (height + 1) // 2
    luma, chroma = width * height, chroma_w * chroma_h
    for index, data in _decoded(source, 1, "yuv420p", luma + 2 * chroma):
        buffer = np.frombuffer(data, np.uint8)
        planes = (buffer[:luma].reshape(height, width),
                  buffer[luma:luma + chroma].reshape(chroma_h, chroma_w),
                  buffer[luma + chroma:].reshape(chroma_h, chroma_w))
        yield index, data, planes


def _decoded(source: _Source, every: int, pixel_format: str, size: int
             ) -> Iterator[tuple[int, bytearray]]:
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error",
               *input_args(source.path, source.format), "-map", "0:v:0", "-an", "-sn",
               "-dn", "-fps_mode", "passthrough"]
    if every > 1:
        command += ["-vf", f"select=not(mod(n\\,{every}))"]
    command += ["-f", "rawvideo", "-pix_fmt", pixel_format, "-"]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE,  # nosec B603
                                   stderr=errors, stdin=subprocess.DEVNULL)
        assert process.stdout is not None
        try:
            index = 0
            while True:
                # A fresh buffer for each frame: its array is writable (faces are covered
                # in it without a copy) and stays valid after the next frame is read.
                data = bytearray(size)
                if not _read_into(process.stdout, data):
                    break
                yield index, data
                index += every
        finally:
            process.stdout.close()
            process.kill()
            process.wait()


def _read_into(stream: IO[bytes], buffer: bytearray) -> bool:
    """Fills ``buffer`` from ``stream``; False at the end (a partial last frame is
    dropped)."""
    view = memoryview(buffer)
    filled = 0
    while filled < len(buffer):
        count = stream.readinto(view[filled:])  # type: ignore[attr-defined]
        if not count:
            return False
        filled += count
    return True


# -- detecting and tracking -------------------------------------------------------------------

@dataclass
class _Open:
    id: int
    keyframes: list[tuple[int, Box]]
    missed: int = 0
    score: float = 0.0
    crop: NDArray[np.uint8] | None = None

    def expected(self, frame: int) -> Box:
        """Where the face should be in ``frame``: the last box moved on at the speed
        between the last two samples."""
        last_frame, last = self.keyframes[-1]
        if len(self.keyframes) < 2:
            return last
        before_frame, before = self.keyframes[-2]
        t = (frame - last_frame) / max(1, last_frame - before_frame)
        return (round(last[0] + (last[0] - before[0]) * t),
                round(last[1] + (last[1] - before[1]) * t),
                round(last[2] + (last[2] - before[2]) * t),
                round(last[3] + (last[3] - before[3]) * t))


def detect_video(path: Path, *, progress: Progress | None = None,
                 sample_seconds: float = SAMPLE_SECONDS,
                 follow_seconds: float | None = FOLLOW_SECONDS) -> VideoFaces:
    """Tracks of the faces in the video at ``path``; ``progress(frame, frames)`` after
    each sampled frame. ``follow_seconds=None``: every sample is searched whole at full
    resolution."""
    source = _source(path)
    step = every = max(1, round(source.fps * sample_seconds))
    if follow_seconds is not None and follow_seconds < sample_seconds:
        step = max(1, round(source.fps * follow_seconds))
        every = step * max(1, round(every / step))
    tracks = _Tracks()
    for index, frame in _read_frames(source, step):
        if index % every:
            tracks.link(index, frame, _between(tracks.open, index, frame), count_missed=False,
                        open_from=CONFIRM)
        else:
            tracks.link(index, frame, [(f.box, f.score) for f in detect_faces(frame)])
        if progress:
            progress(min(index + step, source.frames), source.frames)
    found = []
    for number, track in enumerate(sorted(tracks.closed + tracks.open,
                                          key=lambda t: (t.keyframes[0][0], t.id)), start=1):
        first = max(0, track.keyframes[0][0] - every + 1)
        last = min(source.frames - 1, track.keyframes[-1][0] + every - 1)
        thumbnail = encode_jpeg(track.crop, 85) if track.crop is not None else b""
        found.append(Track(number, tuple(track.keyframes), first, last, thumbnail,
                           track.score))
    if progress:
        progress(source.frames, source.frames)
    return VideoFaces(source.width, source.height, source.fps, source.frames, found)


@dataclass
class _Tracks:
    open: list[_Open] = field(default_factory=list)
    closed: list[_Open] = field(default_factory=list)
    next_id: int = 1

    def link(self, index: int, frame: NDArray[np.uint8], candidates: list[tuple[Box, float]],
             *, count_missed: bool = True, open_from: float = 0.0) -> None:
        """Adds the faces found on sample ``index`` to the open tracks they continue and
        opens a track for each other one that scores at least ``open_from``; a track missed
        on more than ``MAX_GAP`` whole searches in a row is closed."""
        pairs = _match([(t.expected(index), t.keyframes[-1][1]) for t in self.open],
                       [b for b, _s in candidates])
        matched_tracks = set()
        matched_faces = set()
        for t_index, f_index in pairs:
            track = self.open[t_index]
            box, score = candidates[f_index]
            track.keyframes.append((index, box))
            track.missed = 0
            _keep_best(track, frame, box, score)
            matched_tracks.add(t_index)
            matched_faces.add(f_index)
        still_open = []
        for t_index, track in enumerate(self.open):
            if t_index not in matched_tracks and count_missed:
                track.missed += 1
                if track.missed > MAX_GAP:
                    self.closed.append(track)
                    continue
            still_open.append(track)
        for f_index, (box, score) in enumerate(candidates):
            if f_index not in matched_faces and score >= open_from:
                track = _Open(self.next_id, [(index, box)])
                self.next_id += 1
                _keep_best(track, frame, box, score)
                still_open.append(track)
        self.open = still_open


def _between(tracks: Sequence[_Open], index: int, frame: NDArray[np.uint8]
             ) -> list[tuple[Box, float]]:
    """The faces on a frame between two whole searches: the frame searched at half its
    size (a quarter of the work; it finds the faces from about twice the smallest size
    up, new ones too), and the small faces of open tracks looked for around where they are
    expected, scaled up to ``FOLLOW_LOOK`` pixels. A frame whose half would be smaller
    than ``BETWEEN_SMALLEST`` is searched at its own size: it is cheap, and the half-size
    run is less sure of itself. A face first seen here opens a track only when the
    network is sure of it (``CONFIRM``); the others wait for the next whole search."""
    height, width = frame.shape[:2]
    scale = BETWEEN_SCALE if max(width, height) * BETWEEN_SCALE >= BETWEEN_SMALLEST else 1.0
    found = [np.array([[*f.box, f.score] for f in detect_faces(frame, scale=scale)],
                      np.float32).reshape(-1, 5)]
    small = [t.expected(index) for t in tracks
             if t.keyframes[-1][1][3] - t.keyframes[-1][1][1] < FOLLOW_BELOW]
    found += look_again(frame, small, context=FOLLOW_CONTEXT, look=FOLLOW_LOOK,
                        threshold=THRESHOLD)
    pooled = np.concatenate(found)
    if not len(pooled):
        return []
    pooled = pooled[nms(pooled, NMS_IOU)]
    return [((max(0, round(float(b[0]))), max(0, round(float(b[1]))),
              min(width, round(float(b[2]))), min(height, round(float(b[3])))), float(b[4]))
            for b in pooled]


def _match(tracks: Sequence[tuple[Box, Box]], current: Sequence[Box]) -> list[tuple[int, int]]:
    """Greedy pairs (track, detection), the closest first. ``tracks``: per track, the box
    it is expected at and its last box."""
    scored = []
    for i, (expected, last) in enumerate(tracks):
        size = max(last[3] - last[1], 1)
        for j, box in enumerate(current):
            if not 0.5 <= max(box[3] - box[1], 1) / size <= 2.0:
                continue
            overlap = _iou(expected, box)
            ahead = _distance(expected, box) / size
            behind = _distance(last, box) / size
            if overlap >= TRACK_IOU or ahead <= TRACK_DISTANCE or behind <= TRACK_REACH:
                scored.append((min(ahead, behind / 2) - overlap, i, j))
    pairs = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for _cost, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


def _distance(a: Box, b: Box) -> float:
    return math.dist(((a[0] + a[2]) / 2, (a[1] + a[3]) / 2), ((b[0] + b[2]) / 2,
                                                             (b[1] + b[3]) / 2))


def _iou(a: Box, b: Box) -> float:
    inter = (max(0, min(a[2], b[2]) - max(a[0], b[0]))
             * max(0, min(a[3], b[3]) - max(a[1], b[1])))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _keep_best(track: _Open, frame: NDArray[np.uint8], box: Box, score: float) -> None:
    if score <= track.score:
        return
    track.score = score
    height, width = frame.shape[:2]
    x1, y1, x2, y2 = cover_box(box, width, height, 0.3, grid=1)
    crop = frame[y1:y2, x1:x2]
    if crop.size == 0:
        return
    from PIL import Image

    image = Image.fromarray(crop)
    image.thumbnail((THUMBNAIL, THUMBNAIL))
    track.crop = np.asarray(image)


# -- blurring ---------------------------------------------------------------------------------

def blur_video(path: Path, out: Path, tracks: Sequence[int] | Literal["all"],
               faces: VideoFaces, *, keep_audio: bool, progress: Progress | None = None,
               mode: Mode = "pixelate") -> None:
    """Writes ``out``: an H.264 MP4 of the video at ``path`` with the chosen tracks covered
    in every frame where they appear, no container or stream metadata, and the sound only
    when ``keep_audio``. The file appears at ``out`` only when complete."""
    source = _source(path)
    chosen = faces.tracks if tracks == "all" else [t for t in faces.tracks if t.id in
                                                   set(tracks)]
    per_frame: dict[int, list[Box]] = {}
    for track in chosen:
        for frame, box in track.boxes.items():
            per_frame.setdefault(frame, []).append(box)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part.mp4",
                                       dir=out.parent)
    os.close(handle)
    try:
        _encode(source, Path(partial), per_frame, keep_audio and source.has_audio, progress,
                mode)
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _encode(source: _Source, target: Path, per_frame: dict[int, list[Box]], audio: bool,
            progress: Progress | None, mode: Mode) -> None:
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
               "-f", "rawvideo", "-pix_fmt", "yuv420p",
               "-s", f"{source.width}x{source.height}", "-framerate", f"{source.fps:.6g}",
               "-i", "pipe:0"]
    if audio:
        command += input_args(source.path, source.format)
    command += ["-map", "0:v:0"]
    if audio:
        command += ["-map", "1:a:0", "-c:a", "aac", "-b:a", "160k", "-shortest"]
    command += [
        "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",  # H.264 in 4:2:0 needs even sides
        "-c:v", "libx264", "-preset", X264_PRESET, "-x264-params", X264_PARAMS,
        "-crf", X264_CRF, "-pix_fmt", "yuv420p",
        # x264 writes its version and settings into the stream (an SEI unit): drop them.
        "-bsf:v", "filter_units=remove_types=6",
        # Nothing of the source's container, streams or chapters; no encoder name or
        # version, no creation time.
        "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact",
        "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-movflags", "+faststart", "-f", "mp4", str(target)]
    with tempfile.TemporaryFile() as errors:
        encoder = subprocess.Popen(command, stdin=subprocess.PIPE,  # nosec B603
                                   stdout=subprocess.DEVNULL, stderr=errors)
        assert encoder.stdin is not None
        written = 0
        try:
            for index, data, planes in _read_yuv_frames(source):
                boxes = per_frame.get(index)
                if boxes:
                    cover_faces_yuv(planes, boxes, mode=mode)
                encoder.stdin.write(data)
                written += 1
                if progress:
                    progress(written, source.frames)
            encoder.stdin.close()
            code = encoder.wait()
        except BaseException:
            encoder.kill()
            encoder.wait()
            raise
        if code != 0 or written == 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()[-500:]
            raise RuntimeError(f"ffmpeg could not write the video: {detail}")
