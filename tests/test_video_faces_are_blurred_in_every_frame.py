"""A face in a video is found on sampled frames and followed in between, so that the track
chosen once is covered in every frame it appears in; the copy is an H.264 MP4 without the
source's metadata, with its sound only on request (issue 13)."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from protocolwijzer.imaging.files import ffmpeg_exe, probe
from tests.media import (
    CLIP_FPS,
    EXIFTOOL,
    iou,
    make_clip,
    metadata_tags,
    moving_face_box,
    video_frames,
)

SECONDS = 3.0


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("video") / "schoolreis.mp4", SECONDS)


def the_moving_face(run, clip) -> dict:
    result = run("faces", str(clip), "--format", "json")
    assert result.code == 0, result.err
    [video] = result.json
    assert (video["kind"], video["width"], video["height"]) == ("video", 640, 360)
    assert video["frames"] == SECONDS * CLIP_FPS
    [track] = [t for t in video["tracks"]
               if iou(t["keyframes"][0][1], moving_face_box(t["keyframes"][0][0])) >= 0.5]
    return track


def test_the_moving_face_is_one_track_from_the_first_frame_to_the_last(run, clip):
    track = the_moving_face(run, clip)

    assert (track["first"], track["last"]) == (0, SECONDS * CLIP_FPS - 1)
    for frame, box in track["keyframes"]:
        assert iou(box, moving_face_box(frame)) >= 0.5


def test_the_tagged_track_is_covered_in_every_frame_and_the_sound_dropped(run, clip,
                                                                          tmp_path):
    track = the_moving_face(run, clip)
    out = tmp_path / "vervaagd.mp4"

    result = run("blur", str(clip), "--faces", str(track["id"]), "--mode", "fill",
                 "--no-audio", "-o", str(out))

    assert result.code == 0, result.err
    frames = video_frames(out)
    assert len(frames) == SECONDS * CLIP_FPS
    for number, frame in enumerate(frames):
        x1, y1, x2, y2 = moving_face_box(number)
        face = frame[y1 + 4:y2 - 4, x1 + 4:x2 - 4].astype(int)
        assert face.std(axis=(0, 1)).max() < 3, f"frame {number} shows the face"
    info = probe(out, "MP4", count_frames=False)
    assert info.has_video and not info.has_audio


def test_the_sound_stays_on_request_and_the_metadata_goes(run, clip, tmp_path):
    out = tmp_path / "met-geluid.mp4"

    result = run("blur", str(clip), "--faces", "all", "--keep-audio", "-o", str(out))

    assert result.code == 0, result.err
    info = probe(out, "MP4", count_frames=False)
    assert info.has_video and info.has_audio
    data = out.read_bytes()
    assert b"Schoolreis" not in data and b"+51.1916" not in data
    assert b"x264 - core" in clip.read_bytes() and b"x264 - core" not in data  # encoder notes
    if EXIFTOOL:
        assert any("Schoolreis" in str(v) for v in metadata_tags(clip).values())
        tags = metadata_tags(out)
        assert not [key for key in tags if "GPS" in key or "Location" in key
                    or key.endswith(":Title")]


def test_frames_where_the_face_is_not_chosen_stay_as_they_were(run, clip, tmp_path):
    out = tmp_path / "niets.mp4"

    assert run("blur", str(clip), "--faces", "none", "-o", str(out)).code == 0

    before, after = video_frames(clip), video_frames(out)
    x1, y1, x2, y2 = moving_face_box(10)
    difference = np.abs(before[10][y1:y2, x1:x2].astype(int) - after[10][y1:y2, x1:x2])
    assert difference.mean() < 6


def test_a_phone_video_stored_on_its_side_comes_out_upright(run, clip, tmp_path):
    """Phones store a portrait video as landscape frames with a rotation in the container;
    the boxes and the copy are in the frames as shown, and the copy needs no rotation."""
    turned = tmp_path / "staand.mp4"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-display_rotation", "90", "-i",
                    str(clip), "-c", "copy", str(turned)], check=True)
    out = tmp_path / "staand-vervaagd.mp4"

    faces = run("faces", str(turned), "--format", "json").json[0]
    result = run("blur", str(turned), "--faces", "all", "-o", str(out))

    assert (faces["width"], faces["height"]) == (360, 640)
    assert result.code == 0, result.err
    info = probe(out, "MP4", count_frames=False)
    assert (info.width, info.height, info.rotation) == (360, 640, 0)
