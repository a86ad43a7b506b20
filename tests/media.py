"""Real photo and video files for the tests of the ``faces`` and ``blur`` commands: group
photos from the labelled face set's generator, with metadata of every kind a phone writes,
and short clips made with the ffmpeg that imageio-ffmpeg ships."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageCms

from protocolwijzer.imaging.faceset import Scene, group_photo
from protocolwijzer.imaging.files import ffmpeg_exe

EXIFTOOL = shutil.which("exiftool")

XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
       b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
       b'<dc:creator>Juf Jansen</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'
       b'<?xpacket end="w"?>')


def scene(seed: int = 21, size: tuple[int, int] = (1280, 720), faces: int = 10) -> Scene:
    """A group photo whose faces are easy enough to be found every time (28 to 150 px)."""
    return group_photo(seed, size, faces, min_face=28, max_face=150)


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"          # Make
    exif[0x0110] = "Phone 15"            # Model
    exif[0x0132] = "2026:03:14 09:26:53"  # DateTime
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x927C] = b"maker note with a serial number"  # MakerNote
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 11.0, 30.0)
    gps[3] = "E"
    gps[4] = (5.0, 59.0, 10.0)
    return exif


def iptc_segment() -> bytes:
    """An APP13 Photoshop segment with one IPTC record (a caption naming a pupil)."""
    caption = b"Groep 7 met Sanne"
    record = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    if len(record) % 2:
        resource += b"\x00"
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def jpeg_with_metadata(image: Image.Image, orientation: int = 1) -> bytes:
    """A JPEG such as a phone writes: EXIF with GPS and a maker note, an embedded thumbnail
    (exiftool adds one when present), XMP, IPTC, an ICC profile and a comment."""
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(out, "JPEG", quality=92, exif=exif_with_gps(orientation), xmp=XMP,
               icc_profile=icc, comment=b"taken at De Regenboog, Sanne and Daan")
    data = out.getvalue()
    # IPTC goes right after the SOI marker.
    return data[:2] + iptc_segment() + data[2:]


def add_thumbnail(path: Path) -> None:
    """Embeds a thumbnail in the EXIF data, as cameras do (exiftool writes it)."""
    if not EXIFTOOL:
        return
    thumbnail = path.with_suffix(".thumb.jpg")
    with Image.open(path) as image:
        image.convert("RGB").resize((160, 90)).save(thumbnail, "JPEG")
    subprocess.run([EXIFTOOL, "-q", "-overwrite_original", f"-ThumbnailImage<={thumbnail}",  # noqa: S603
                    str(path)], check=True)
    thumbnail.unlink()


def metadata_tags(path: Path) -> dict[str, Any]:
    """Everything exiftool reads from a file, or {} without exiftool."""
    if not EXIFTOOL:
        return {}
    result = subprocess.run([EXIFTOOL, "-j", "-a", "-G1", "-u", str(path)],  # noqa: S603
                            capture_output=True, check=True)
    tags: dict[str, Any] = json.loads(result.stdout)[0]
    return tags


def iou(a: list[int] | tuple[int, ...], b: list[int] | tuple[int, ...]) -> float:
    inter = (max(0, min(a[2], b[2]) - max(a[0], b[0]))
             * max(0, min(a[3], b[3]) - max(a[1], b[1])))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


# -- video ------------------------------------------------------------------------------------

CLIP_SIZE = (640, 360)
CLIP_FPS = 25


@cache
def _clip_face() -> tuple[np.ndarray, int, int]:
    """A head with 30 px around its face, and the face's width and height."""
    face_scene = group_photo(7, (300, 300), 1, min_face=110, max_face=110)
    x1, y1, x2, y2 = face_scene.faces[0].box
    patch = np.asarray(face_scene.image.crop((x1 - 30, y1 - 30, x2 + 30, y2 + 40)))
    return patch, x2 - x1, y2 - y1


def moving_face_box(frame: int) -> tuple[int, int, int, int]:
    """Where the clip's one face is in ``frame``: about 110 px high, 3 px further right in
    every frame."""
    _patch, width, height = _clip_face()
    x = 40 + frame * 3
    return (x, 100, x + width, 100 + height)


def make_clip(path: Path, seconds: float = 3.0, *, audio: bool = True) -> Path:
    """An MP4 with one face moving across a wall, a sine tone, a title and a location."""
    width, height = CLIP_SIZE
    patch, _w, _h = _clip_face()
    wall = np.full((height, width, 3), (186, 160, 120), np.uint8)
    wall[::24] = (150, 130, 100)
    command = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt",
               "rgb24", "-s", f"{width}x{height}", "-r", str(CLIP_FPS), "-i", "-"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    "-map", "0:v", "-map", "1:a", "-c:a", "aac"]
    command += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-metadata", "title=Schoolreis groep 7",
                "-metadata", "location=+51.1916+005.9861/", str(path)]
    encoder = subprocess.Popen(command, stdin=subprocess.PIPE)  # noqa: S603
    assert encoder.stdin is not None
    for frame in range(round(seconds * CLIP_FPS)):
        picture = wall.copy()
        x1, y1, _x2, _y2 = moving_face_box(frame)
        picture[y1 - 30:y1 - 30 + patch.shape[0], x1 - 30:x1 - 30 + patch.shape[1]] = patch
        encoder.stdin.write(picture.tobytes())
    encoder.stdin.close()
    assert encoder.wait() == 0
    return path


def video_frames(path: Path) -> list[np.ndarray]:
    from protocolwijzer.imaging.files import probe

    info = probe(path, "MP4", count_frames=False)
    assert info.width and info.height
    raw = subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(path), "-f",  # noqa: S603
                          "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True,
                         check=True).stdout
    size = info.width * info.height * 3
    return [np.frombuffer(raw[i:i + size], np.uint8).reshape(info.height, info.width, 3)
            for i in range(0, len(raw), size)]
