"""Files are judged by their content, never by their name: anything that is not a JPEG,
PNG, WebP or HEIC photo, an MP4 or MOV video or an M4A, MP3 or WAV recording is refused
with one sentence that names the problem, and so are polyglots (a photo that is also a ZIP
archive or a web page), truncated files and files beyond the limits (issue 13)."""

from __future__ import annotations

import io
import struct
import wave
import zipfile
import zlib

import pytest
from PIL import Image

from protocolwijzer.imaging import RefusedFile, inspect
from tests.media import make_clip, scene


def jpeg() -> bytes:
    out = io.BytesIO()
    scene(seed=41, size=(320, 240), faces=2).image.save(out, "JPEG")
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data)))


def png_bomb() -> bytes:
    """A PNG of 8,000 x 8,000 black pixels: 64 kilobytes that take 64 megabytes (or, in
    colour, 192) to decode."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * 8_001
    data = b"".join(compressor.compress(row) for _ in range(8_000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", 8_000, 8_000, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data)
            + png_chunk(b"IEND", b""))


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def png_with_html() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    data = out.getvalue()
    html = png_chunk(b"tEXt", b"Comment\x00<html><script>alert(1)</script></html>")
    return data[:33] + html + data[33:]  # right after IHDR, where a browser would look


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "GIF")
    return out.getvalue()


BAD_FILES = {
    "text-named-jpg": (lambda: b"Dit is een tekst, geen foto.\n" * 10,
                       "geen foto-, video- of geluidsbestand"),
    "gif": (gif, "geen foto-, video- of geluidsbestand"),
    "truncated-jpeg": (lambda: jpeg()[: len(jpeg()) // 2], "onvolledig"),
    "jpeg-with-zip-appended": (lambda: jpeg() + zip_archive(), "ZIP-archief"),
    "jpeg-with-html-appended": (lambda: jpeg() + b"<html><body>hoi</body></html>",
                                "andere gegevens"),
    "png-with-html-inside": (png_with_html, "webpagina"),
    "png-decompression-bomb": (png_bomb, "te groot: 8000 x 8000 pixels"),
    "empty": (lambda: b"", "leeg"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_photo_is_refused_with_a_sentence_that_names_the_problem(run, tmp_path, name):
    make, words = BAD_FILES[name]
    path = tmp_path / f"{name}.jpg"
    path.write_bytes(make())
    out = tmp_path / "uit.jpg"

    faces = run("faces", str(path), "--format", "json")
    blur = run("blur", str(path), "-o", str(out))

    assert faces.code == 2 and blur.code == 2
    assert words in faces.err, faces.err
    assert faces.err.strip().endswith(".")
    assert faces.json[0]["error"]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]  # nothing half-written beside it


def test_truncated_video_is_refused(run, tmp_path):
    clip = make_clip(tmp_path / "clip.mp4", seconds=1.0, audio=False)
    data = clip.read_bytes()
    cut = tmp_path / "afgebroken.mp4"
    cut.write_bytes(data[: len(data) * 2 // 3])

    result = run("faces", str(cut))

    assert result.code == 2
    assert "onvolledig" in result.err or "beschadigd" in result.err


def test_a_sound_recording_is_accepted_but_has_no_faces(run, tmp_path):
    path = tmp_path / "opname.wav"
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x01" * 8000)

    assert inspect(path, max_bytes=10**6).to_dict() == {
        "kind": "sound", "format": "WAV", "width": None, "height": None, "frames": None,
        "duration": 1.0}
    result = run("faces", str(path))
    assert result.code == 2
    assert "wie er te horen is" in result.err


def test_limits_on_bytes_pixels_frames_and_duration(tmp_path):
    clip = make_clip(tmp_path / "clip.mp4", seconds=2.0)
    photo = jpeg()

    assert inspect(photo, max_bytes=len(photo)).kind == "photo"
    with pytest.raises(RefusedFile, match="te groot"):
        inspect(photo, max_bytes=len(photo) - 1)
    with pytest.raises(RefusedFile, match="te groot: 320 x 240 pixels"):
        inspect(photo, max_bytes=10**6, max_pixels=320 * 240 - 1)
    assert inspect(clip, max_bytes=10**8).to_dict() == {
        "kind": "video", "format": "MP4", "width": 640, "height": 360, "frames": 50,
        "duration": 2.0}
    with pytest.raises(RefusedFile, match="te veel beelden: 50"):
        inspect(clip, max_bytes=10**8, max_frames=49)
    with pytest.raises(RefusedFile, match="te lang"):
        inspect(clip, max_bytes=10**8, max_duration=1.5)
