"""``protocolwijzer blur`` writes a new JPEG made from pixels alone: the chosen faces are
coarse flat blocks that cannot be sharpened back, the others stay as they were, and
nothing of the original file's metadata is left (issue 13). exiftool, when present (Debian's
libimage-exiftool-perl, installed by scripts/test), reads every tag it knows."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from protocolwijzer.imaging import cover_box
from tests.media import EXIFTOOL, add_thumbnail, jpeg_with_metadata, metadata_tags, scene

# What exiftool reports for any JPEG it can read, metadata or not.
FILE_FACTS = {"SourceFile", "ExifTool:ExifToolVersion", "System:FileName", "System:Directory",
              "System:FileSize", "System:FileModifyDate", "System:FileAccessDate",
              "System:FileInodeChangeDate", "System:FilePermissions", "File:FileType",
              "File:FileTypeExtension", "File:MIMEType", "File:ImageWidth",
              "File:ImageHeight", "File:EncodingProcess", "File:BitsPerSample",
              "File:ColorComponents", "File:YCbCrSubSampling", "Composite:ImageSize",
              "Composite:Megapixels", "JFIF:JFIFVersion", "JFIF:ResolutionUnit",
              "JFIF:XResolution", "JFIF:YResolution"}


@pytest.fixture
def group(tmp_path):
    photo = scene(seed=31, faces=8)
    path = tmp_path / "schoolreis.jpg"
    path.write_bytes(jpeg_with_metadata(photo.image))
    add_thumbnail(path)
    return photo, path


def faces_of(run, path):
    return run("faces", str(path), "--format", "json").json[0]["faces"]


def test_the_original_has_the_metadata_the_copy_must_lose(group):
    _photo, path = group
    if not EXIFTOOL:
        pytest.skip("exiftool is missing; scripts/test installs libimage-exiftool-perl")
    tags = metadata_tags(path)
    for tag in ("GPS:GPSLatitude", "IFD0:Make", "XMP-dc:Creator", "IPTC:Caption-Abstract",
                "ICC_Profile:ProfileDescription", "File:Comment", "ExifIFD:MakerNoteUnknownText",
                "IFD1:ThumbnailImage"):
        assert any(key == tag or key.endswith(":" + tag.split(":")[1]) for key in tags), tag


def test_blurred_copy_has_no_exif_gps_xmp_iptc_icc_or_comment(run, group, tmp_path):
    _photo, path = group
    out = tmp_path / "voor-instagram.jpg"

    result = run("blur", str(path), "--faces", "all", "-o", str(out))

    assert result.code == 0, result.err
    with Image.open(out) as image:
        assert image.format == "JPEG"
        assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density",
                                   "progressive", "progression", "dpi"}
        assert not image.getexif()
        assert image.applist == [("APP0", image.applist[0][1])]  # JFIF only
    data = out.read_bytes()
    for marker in (b"Exif", b"GPS", b"xpacket", b"Photoshop", b"ICC_PROFILE", b"PhoneMaker",
                   b"Sanne", b"Regenboog", b"Juf Jansen"):
        assert marker not in data
    if EXIFTOOL:
        assert set(metadata_tags(out)) <= FILE_FACTS, set(metadata_tags(out)) - FILE_FACTS


def edges(region: np.ndarray, axis: int) -> int:
    """How many lines across ``axis`` the region's colour jumps at (>= 10 levels
    anywhere along the line): the borders between a mosaic's blocks."""
    steps = np.abs(np.diff(region.astype(int), axis=axis)).max(axis=2)
    return int((steps.max(axis=1 - axis) >= 10).sum())


def test_chosen_faces_become_coarse_flat_blocks_and_the_others_stay_sharp(run, group,
                                                                          tmp_path):
    photo, path = group
    faces = faces_of(run, path)
    out = tmp_path / "twee-vervaagd.jpg"

    assert run("blur", str(path), "--faces", "1,3", "-o", str(out)).code == 0

    before = np.asarray(photo.image).astype(int)
    after = np.asarray(Image.open(out)).astype(int)
    for number in (1, 3):
        x1, y1, x2, y2 = cover_box(tuple(faces[number - 1]["box"]), 1280, 720)
        region = after[y1:y2, x1:x2]
        # At most 8 blocks along the longer side (7 borders inside, 2 where partial blocks
        # meet the edge), flat in between: no detail left to sharpen.
        assert edges(region, axis=0) <= 9 and edges(region, axis=1) <= 9
        assert np.abs(region - before[y1:y2, x1:x2]).mean() > 3
    untouched = faces[1]["box"]
    x1, y1, x2, y2 = untouched
    assert np.abs(after[y1:y2, x1:x2] - before[y1:y2, x1:x2]).mean() < 4


def test_fill_mode_covers_with_one_flat_colour(run, group, tmp_path):
    _photo, path = group
    box = faces_of(run, path)[0]["box"]
    out = tmp_path / "egaal.jpg"

    assert run("blur", str(path), "--faces", "1", "--mode", "fill", "-o", str(out)).code == 0

    x1, y1, x2, y2 = cover_box(tuple(box), 1280, 720)
    region = np.asarray(Image.open(out)).astype(int)[y1 + 3:y2 - 3, x1 + 3:x2 - 3]
    assert region.std(axis=(0, 1)).max() < 2


def test_a_box_drawn_by_hand_is_covered_too(run, group, tmp_path):
    _photo, path = group
    out = tmp_path / "met-vak.jpg"

    result = run("blur", str(path), "--faces", "none", "--box", "600,40,700,160",
                 "--mode", "fill", "-o", str(out))

    assert result.code == 0, result.err
    region = np.asarray(Image.open(out)).astype(int)[20:180, 580:720]
    assert region[8:-8, 8:-8].std(axis=(0, 1)).max() < 2


def test_heic_from_an_iphone_comes_out_as_jpeg_turned_upright(run, tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    photo = scene(seed=32, size=(960, 720), faces=6)
    stored = photo.image.transpose(Image.Transpose.ROTATE_90)
    heif = pillow_heif.from_pillow(stored)
    path = tmp_path / "IMG_0001.HEIC"
    exif = Image.open(io.BytesIO(jpeg_with_metadata(stored, orientation=6))).getexif()
    heif.save(path, quality=90, exif=exif.tobytes())
    out = tmp_path / "IMG_0001.jpg"

    result = run("blur", str(path), "--faces", "none", "-o", str(out))

    assert result.code == 0, result.err
    with Image.open(out) as image:
        assert (image.format, image.size) == ("JPEG", (960, 720))
        assert not image.getexif()
    if EXIFTOOL:
        assert set(metadata_tags(out)) <= FILE_FACTS


def test_png_text_chunks_do_not_survive(run, tmp_path):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Daan uit groep 7")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>Juf Jansen</x:xmpmeta>")
    path = tmp_path / "schermafbeelding.png"
    scene(seed=33, faces=6).image.save(path, pnginfo=info)
    out = tmp_path / "schoon.jpg"

    assert run("blur", str(path), "--faces", "all", "-o", str(out)).code == 0

    data = out.read_bytes()
    assert b"Daan" not in data and b"Jansen" not in data and b"xmp" not in data.lower()


def test_blur_refuses_an_output_that_is_not_jpeg_for_a_photo(run, group, tmp_path):
    _photo, path = group

    result = run("blur", str(path), "-o", str(tmp_path / "uit.png"))

    assert result.code == 2
    assert "JPEG" in result.err and ".jpg" in result.err
    assert not (tmp_path / "uit.png").exists()


def test_blur_says_which_face_numbers_exist(run, group, tmp_path):
    _photo, path = group

    result = run("blur", str(path), "--faces", "1,99", "-o", str(tmp_path / "uit.jpg"))

    assert result.code == 2
    assert "geen gezicht 99" in result.err
