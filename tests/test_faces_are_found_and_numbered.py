"""``protocolwijzer faces`` finds the faces of a group photo, in pixels of the photo as a
person sees it, numbered in reading order (issue 13)."""

from __future__ import annotations

import io

from PIL import Image

from tests.media import iou, jpeg_with_metadata, scene


def test_faces_finds_every_face_of_a_group_photo_within_iou_one_half(run, tmp_path):
    photo = scene(seed=21, faces=12)
    path = tmp_path / "klassenfoto.jpg"
    path.write_bytes(jpeg_with_metadata(photo.image))

    result = run("faces", str(path), "--format", "json")

    assert result.code == 0, result.err
    [found] = result.json
    assert (found["file"], found["width"], found["height"]) == (str(path), 1280, 720)
    boxes = [face["box"] for face in found["faces"]]
    for face in photo.faces:
        assert max(iou(face.box, box) for box in boxes) >= 0.5, face
    # At most one box where the generator put no face (it adds a cat, balls and crops).
    assert len(boxes) <= len(photo.faces) + 1
    assert all(0 < face["score"] <= 1 for face in found["faces"])


def test_faces_are_numbered_in_rows_from_top_left(run, tmp_path):
    photo = scene(seed=22, faces=8)
    path = tmp_path / "groep.png"
    photo.image.save(path)

    faces = run("faces", str(path), "--format", "json").json[0]["faces"]

    centres = [((f["box"][0] + f["box"][2]) / 2, (f["box"][1] + f["box"][3]) / 2)
               for f in faces]
    heights = [f["box"][3] - f["box"][1] for f in faces]
    for (x1, y1), (x2, y2), h in zip(centres, centres[1:], heights, strict=False):
        # The next face is lower (a new row), or in the same row further right.
        assert y2 > y1 - h / 2 and (y2 > y1 + h / 2 or x2 > x1)


def test_boxes_are_in_pixels_of_the_turned_photo(run, tmp_path):
    """A phone stores a portrait photo lying on its side with an orientation tag; the boxes
    are in pixels of the photo as shown, so the blur lands on the faces."""
    photo = scene(seed=23, size=(960, 720), faces=6)
    stored = photo.image.transpose(Image.Transpose.ROTATE_90)  # as the sensor saw it
    path = tmp_path / "staand.jpg"
    path.write_bytes(jpeg_with_metadata(stored, orientation=6))

    found = run("faces", str(path), "--format", "json").json[0]

    assert (found["width"], found["height"]) == (960, 720)
    boxes = [face["box"] for face in found["faces"]]
    for face in photo.faces:
        assert max(iou(face.box, box) for box in boxes) >= 0.5


def test_faces_reads_content_not_the_name(run, tmp_path):
    photo = scene(seed=24, faces=6)
    out = io.BytesIO()
    photo.image.save(out, "PNG")
    path = tmp_path / "niet-echt-een-video.mp4"
    path.write_bytes(out.getvalue())

    result = run("faces", str(path), "--format", "json")

    assert result.code == 0, result.err
    assert len(result.json[0]["faces"]) >= 6


def test_faces_prints_readable_dutch(run, tmp_path):
    path = tmp_path / "groep.jpg"
    scene(seed=25, faces=6).image.save(path)

    result = run("faces", str(path))

    assert result.code == 0
    assert "1280 x 720 pixels" in result.out and "gezichten" in result.out
