"""What an uploaded file is, decided by its content and never by its name.

``inspect()`` accepts photos (JPEG, PNG, WebP, HEIC), videos (MP4, MOV) and sound (M4A,
MP3, WAV) within limits of size, pixels (decompression bombs), frames and duration, and
refuses with one clear sentence: an unknown format, a truncated file, a file with
something else appended or hidden in it (a polyglot: a photo that is also a ZIP archive or
a web page), or one beyond a limit. ``load_photo()`` gives the pixels as a person sees
them: orientation applied, colours converted to sRGB, RGB.
"""

from __future__ import annotations

import io
import mmap
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageCms, ImageOps

from protocolwijzer.i18n import gettext as _

#: The command line's limit on a file's size (the web upload has its own setting).
MAX_UPLOAD_BYTES = 1_000_000_000
#: A photo's pixel count, width x height (a 48-megapixel phone photo fits).
MAX_PIXELS = 50_000_000
#: A video frame's pixel count (4K fits).
MAX_FRAME_PIXELS = 4096 * 2304
MAX_FRAMES = 30 * 60 * 10
#: Seconds of video or sound.
MAX_DURATION = 10 * 60.0

Kind = Literal["photo", "video", "sound"]

PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "HEIC")
VIDEO_FORMATS = ("MP4", "MOV")
SOUND_FORMATS = ("M4A", "MP3", "WAV")

# Brands of the ISO base media file format (the "ftyp" box), by what the file holds.
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
                b"mif1", b"msf1"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_MOV_BRANDS = {b"qt  "}
# Top-level boxes a QuickTime file without "ftyp" may start with.
_MOV_FIRST = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_HTML_MARKERS = (b"<html", b"<script", b"<!doctype", b"<svg", b"<?php", b"<body",
                 b"<iframe", b"<?xml")


class RefusedFile(ValueError):
    """The file is not accepted; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Media:
    """What a file is, by content."""

    kind: Kind
    format: str
    width: int | None = None
    height: int | None = None
    frames: int | None = None
    duration: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "format": self.format, "width": self.width,
                "height": self.height, "frames": self.frames, "duration": self.duration}


def inspect(data: bytes | Path, *, max_bytes: int, max_pixels: int = MAX_PIXELS,
            max_frames: int = MAX_FRAMES, max_duration: float = MAX_DURATION) -> Media:
    """What ``data`` is (a file's bytes or its path), or ``RefusedFile``. A path is mapped
    into memory, not read: a video of a gigabyte costs no gigabyte of memory."""
    limits = (max_pixels, max_frames, max_duration)
    if not isinstance(data, Path):
        if len(data) > max_bytes:
            raise _too_large(len(data), max_bytes)
        return _inspect(bytes(data), None, *limits)
    try:
        with data.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise _too_large(size, max_bytes)
            if size == 0:
                return _inspect(b"", data, *limits)
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as content:
                return _inspect(content, data, *limits)
    except OSError:
        raise RefusedFile(_("The file cannot be read.")) from None


def _inspect(content: bytes | mmap.mmap, path: Path | None, max_pixels: int,
             max_frames: int, max_duration: float) -> Media:
    if not len(content):
        raise RefusedFile(_("The file is empty."))
    fmt = sniff(content[:512])
    if fmt is None:
        raise RefusedFile(_("This is not a photo, video or sound file that we accept: send "
                            "a JPEG, PNG, WebP or HEIC photo, an MP4 or MOV video, or an "
                            "M4A, MP3 or WAV recording."))
    _refuse_hidden_content(content, fmt)
    if fmt in PHOTO_FORMATS:
        return _inspect_photo(bytes(content), fmt, max_pixels)
    _check_structure(content, fmt)
    if path is not None:
        return _inspect_timed(path, fmt, max_frames, max_duration)
    with _as_file(bytes(content)) as file:
        return _inspect_timed(file, fmt, max_frames, max_duration)


def _too_large(size: int, limit: int) -> RefusedFile:
    return RefusedFile(_("The file is too large: %(size)s MB, and at most %(limit)s MB is "
                         "accepted.") % {"size": _mb(size), "limit": _mb(limit)})


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")


# -- which format ---------------------------------------------------------------------------

def sniff(content: bytes) -> str | None:
    """The format the first bytes announce, or None."""
    head = content[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "WAV"
    if head[4:8] == b"ftyp":
        brands = _brands(content)
        if brands & _HEIC_BRANDS and head[8:12] in _HEIC_BRANDS:
            return "HEIC"
        if head[8:12] in _M4A_BRANDS:
            return "M4A"
        if head[8:12] in _MOV_BRANDS:
            return "MOV"
        if brands & _HEIC_BRANDS and not brands & {b"isom", b"mp41", b"mp42", b"avc1"}:
            return "HEIC"
        return "MP4"
    if head[4:8] in _MOV_FIRST and int.from_bytes(head[:4], "big") >= 8:
        return "MOV"
    if head.startswith(b"ID3") or (len(head) > 2 and head[0] == 0xFF
                                   and head[1] & 0xE0 == 0xE0 and head[1] & 0x06):
        return "MP3"
    return None


def _brands(content: bytes) -> set[bytes]:
    size = int.from_bytes(content[:4], "big")
    box = content[8:min(size, 256)]
    return {box[i:i + 4] for i in range(0, len(box) - 3, 4)} - {b"\0\0\0\0"}


def _refuse_hidden_content(content: bytes | mmap.mmap, fmt: str) -> None:
    """A file that another program would read as something else: a ZIP archive (the end
    of a ZIP is found from the end of the file, whatever comes before it) or a web page
    (browsers that guess a type look for tags near the start)."""
    tail = content[-(66_000):]  # the end record and the longest comment a ZIP may have
    if zipfile.is_zipfile(io.BytesIO(tail)) or _zip_at_start(content):
        raise _polyglot(fmt, _("a ZIP archive"))
    start = content[:1024].lower()
    if any(marker in start for marker in _HTML_MARKERS):
        raise _polyglot(fmt, _("a web page"))


def _zip_at_start(content: bytes | mmap.mmap) -> bool:
    return content[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _polyglot(fmt: str, other: str) -> RefusedFile:
    return RefusedFile(_("This %(format)s file is also %(other)s hidden in the same bytes; "
                         "such a file is refused. Save the photo or video again from the "
                         "camera or the gallery and send that copy.")
                       % {"format": fmt, "other": other})


def _truncated(fmt: str) -> RefusedFile:
    return RefusedFile(_("This %(format)s file is incomplete: it ends before its content "
                         "does. Send the whole file again.") % {"format": fmt})


def _appended(fmt: str) -> RefusedFile:
    return RefusedFile(_("This %(format)s file has other data after its end; such a file "
                         "is refused. Save the photo or video again from the camera or "
                         "the gallery and send that copy.") % {"format": fmt})


# -- photos ---------------------------------------------------------------------------------

def _register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _inspect_photo(content: bytes, fmt: str, max_pixels: int) -> Media:
    if fmt == "JPEG":
        _check_jpeg_end(content)
    elif fmt == "PNG":
        _check_png_end(content)
    elif fmt == "WEBP":
        _check_riff_end(content, fmt)
    else:
        _check_structure(content, fmt)
        _register_heif()
    try:
        with Image.open(io.BytesIO(content)) as image:
            if (image.format or "").upper() not in (fmt, "HEIF"):
                raise RefusedFile(_("This file starts like a %(format)s photo but is not "
                                    "one.") % {"format": fmt})
            width, height = image.size
            if width * height > max_pixels:
                raise _too_many_pixels(width, height, max_pixels)
            if getattr(image, "n_frames", 1) > 1 and fmt != "HEIC":
                raise RefusedFile(_("This %(format)s file is an animation; send a single "
                                    "photo.") % {"format": fmt})
            image.load()
            oriented = _oriented_size(image)
    except RefusedFile:
        raise
    except Image.DecompressionBombError:
        raise _too_many_pixels(0, 0, max_pixels) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        # Pillow raises these for a file that ends too early or whose data is damaged.
        raise RefusedFile(_("This %(format)s photo is damaged or incomplete and cannot be "
                            "read.") % {"format": fmt}) from None
    return Media("photo", fmt, oriented[0], oriented[1])


def _too_many_pixels(width: int, height: int, limit: int) -> RefusedFile:
    if width and height:
        return RefusedFile(_("The photo is too large: %(width)s x %(height)s pixels, and at "
                             "most %(limit)s megapixels is accepted.")
                           % {"width": width, "height": height, "limit": limit // 1_000_000})
    return RefusedFile(_("The photo has too many pixels: at most %(limit)s megapixels is "
                         "accepted.") % {"limit": limit // 1_000_000})


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _check_jpeg_end(content: bytes) -> None:
    """Walks the JPEG's segments to its end-of-image marker; what follows may only be
    padding."""
    pos, size = 2, len(content)
    while True:
        # Markers may be preceded by any number of 0xFF fill bytes.
        while pos < size and content[pos] == 0xFF and pos + 1 < size \
                and content[pos + 1] == 0xFF:
            pos += 1
        if pos + 1 >= size:
            raise _truncated("JPEG")
        if content[pos] != 0xFF:
            raise RefusedFile(_("This %(format)s photo is damaged or incomplete and cannot "
                                "be read.") % {"format": "JPEG"})
        marker = content[pos + 1]
        pos += 2
        if marker == 0xD9:  # end of image
            break
        if marker in (0x01, *range(0xD0, 0xD8)):  # standalone markers
            continue
        if pos + 2 > size:
            raise _truncated("JPEG")
        length = int.from_bytes(content[pos:pos + 2], "big")
        if length < 2 or pos + length > size:
            raise _truncated("JPEG")
        pos += length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
            while True:
                pos = content.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= size:
                    raise _truncated("JPEG")
                following = content[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    _check_padding(content[pos:], "JPEG")


def _check_padding(rest: bytes, fmt: str) -> None:
    if rest.strip(b"\x00\xff\r\n"):
        raise _appended(fmt)


def _check_png_end(content: bytes) -> None:
    pos, size = 8, len(content)
    while True:
        if pos + 8 > size:
            raise _truncated("PNG")
        length = int.from_bytes(content[pos:pos + 4], "big")
        kind = content[pos + 4:pos + 8]
        pos += 12 + length
        if pos > size:
            raise _truncated("PNG")
        if kind == b"IEND":
            break
    _check_padding(content[pos:], "PNG")


def _check_riff_end(content: bytes | mmap.mmap, fmt: str) -> None:
    declared = int.from_bytes(content[4:8], "little") + 8
    if declared > len(content):
        raise _truncated(fmt)
    _check_padding(content[declared + (declared & 1):], fmt)


def load_photo(data: bytes | Path, *, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """The photo as a person sees it: EXIF orientation applied, colours converted from its
    ICC profile to sRGB, RGB (transparency on white). HEIC through pillow-heif. The result
    is a new image that carries none of the file's metadata. ``inspect`` it first: this
    checks only the pixel count before decoding."""
    _register_heif()
    source = io.BytesIO(data.read_bytes() if isinstance(data, Path) else data)
    try:
        with Image.open(source) as opened:
            if opened.width * opened.height > max_pixels:
                raise _too_many_pixels(opened.width, opened.height, max_pixels)
            opened.load()
            image: Image.Image = ImageOps.exif_transpose(opened) or opened
            icc = opened.info.get("icc_profile")
            image = _to_srgb(image, icc)
    except RefusedFile:
        raise
    except Image.DecompressionBombError:
        raise _too_many_pixels(0, 0, max_pixels) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise RefusedFile(_("This photo is damaged or incomplete and cannot be "
                            "read.")) from None
    # A new image of the pixels alone, in one copy (not initialised: every pixel is pasted).
    fresh = Image.new("RGB", image.size, None)
    fresh.paste(image)
    return fresh


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P"
                                              and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        image = flat
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = image.mode if image.mode in ("RGB", "CMYK", "L") else "RGB"
            if image.mode != mode:
                image = image.convert(mode)
            converted = ImageCms.profileToProfile(
                image, source, _srgb(), renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are, read as sRGB
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    # No copy of an RGB image: ``load_photo`` makes a new one of its pixels.
    return image if image.mode == "RGB" else image.convert("RGB")


def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# -- videos and sound -----------------------------------------------------------------------

def _check_structure(content: bytes | mmap.mmap, fmt: str) -> None:
    """ISO media files (HEIC, MP4, MOV, M4A) are a row of boxes that must fill the file
    exactly; RIFF (WAV) declares its length; MP3 is read by ffmpeg."""
    if fmt == "WAV":
        _check_riff_end(content, fmt)
        return
    if fmt == "MP3":
        return
    pos, size = 0, len(content)
    seen = set()
    while pos < size:
        if pos + 8 > size:
            if content[pos:].strip(b"\x00"):
                raise _truncated(fmt)
            break
        length = int.from_bytes(content[pos:pos + 4], "big")
        kind = content[pos + 4:pos + 8]
        header = 8
        if length == 1:
            if pos + 16 > size:
                raise _truncated(fmt)
            length = int.from_bytes(content[pos + 8:pos + 16], "big")
            header = 16
        elif length == 0:
            length = size - pos
        if not re.fullmatch(rb"[\x20-\x7e\xa9]{4}", kind) or length < header:
            if not content[pos:].strip(b"\x00"):
                break
            raise _appended(fmt)
        if pos + length > size:
            raise _truncated(fmt)
        seen.add(kind)
        pos += length
    if fmt != "HEIC" and b"moov" not in seen:
        raise _truncated(fmt)
    if fmt == "HEIC" and b"meta" not in seen:
        raise _truncated(fmt)


@contextmanager
def _as_file(content: bytes) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(prefix="pw-inspect-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        yield Path(name)
    finally:
        os.unlink(name)


#: ffmpeg's demuxer for each format we accept: forcing it keeps ffmpeg from guessing
#: (a playlist or concat file would make it open other files).
DEMUXERS = {"MP4": "mov", "MOV": "mov", "M4A": "mov", "MP3": "mp3", "WAV": "wav"}


@dataclass(frozen=True)
class Probe:
    duration: float | None
    width: int | None
    height: int | None
    fps: float | None
    rotation: int
    frames: int | None
    has_video: bool
    has_audio: bool


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def input_args(path: Path, fmt: str) -> list[str]:
    """ffmpeg's arguments to read ``path`` as ``fmt`` and nothing else."""
    return ["-protocol_whitelist", "file", "-f", DEMUXERS[fmt], "-i", str(path)]


def probe(path: Path, fmt: str, *, count_frames: bool = True) -> Probe:
    """Streams, duration and (without decoding: packets are copied) the number of video
    frames, read by ffmpeg from its report."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", *input_args(path, fmt)]
    if count_frames:
        command += ["-map", "0:v:0?", "-c", "copy", "-f", "null", "-"]
    result = subprocess.run(command, capture_output=True, timeout=120, check=False)  # nosec B603
    report = result.stderr.decode("utf-8", "replace")
    if count_frames and result.returncode != 0:
        raise RefusedFile(_("This %(format)s file is damaged or incomplete and cannot be "
                            "read.") % {"format": fmt})
    return _parse_report(report)


def _parse_report(report: str) -> Probe:
    duration = None
    if match := re.search(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)", report):
        hours, minutes, seconds = match.groups()
        duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    width = height = None
    fps = None
    video = re.search(r"Stream #0:\d+[^\n]*: Video: ([^\n]*)", report)
    if video:
        if size := re.search(r"(?<![0-9a-z])(\d{2,5})x(\d{2,5})(?![0-9])", video.group(1)):
            width, height = int(size.group(1)), int(size.group(2))
        if rate := re.search(r"([\d.]+) (?:fps|tbr)", video.group(1)):
            fps = float(rate.group(1))
    rotation = 0
    if turn := re.search(r"rotation of (-?[\d.]+) degrees", report):
        rotation = round(float(turn.group(1))) % 360
    frames = None
    if counted := re.findall(r"frame=\s*(\d+)", report):
        frames = int(counted[-1])
    return Probe(duration, width, height, fps, rotation, frames, video is not None,
                 re.search(r"Stream #0:\d+[^\n]*: Audio:", report) is not None)


def _inspect_timed(path: Path, fmt: str, max_frames: int, max_duration: float) -> Media:
    info = probe(path, fmt, count_frames=fmt in VIDEO_FORMATS)
    if info.duration is None and fmt not in VIDEO_FORMATS:
        raise RefusedFile(_("This %(format)s file is damaged or incomplete and cannot be "
                            "read.") % {"format": fmt})
    if info.duration is not None and info.duration > max_duration:
        raise RefusedFile(_("The recording is too long: %(duration)s seconds, and at most "
                            "%(limit)s seconds is accepted.")
                          % {"duration": round(info.duration), "limit": round(max_duration)})
    if fmt in SOUND_FORMATS or (fmt == "MP4" and not info.has_video):
        if not info.has_audio:
            raise RefusedFile(_("This %(format)s file holds no sound.") % {"format": fmt})
        return Media("sound", "M4A" if fmt == "MP4" else fmt, duration=info.duration)
    if not info.has_video or not info.width or not info.height:
        raise RefusedFile(_("This %(format)s file holds no video that can be read.")
                          % {"format": fmt})
    if info.width * info.height > MAX_FRAME_PIXELS:
        raise RefusedFile(_("The video is too large: %(width)s x %(height)s pixels a frame, "
                            "and at most 4096 x 2304 is accepted.")
                          % {"width": info.width, "height": info.height})
    if info.frames is not None and info.frames > max_frames:
        raise RefusedFile(_("The video has too many frames: %(frames)s, and at most "
                            "%(limit)s is accepted.")
                          % {"frames": info.frames, "limit": max_frames})
    if not info.frames:
        raise RefusedFile(_("This %(format)s file holds no video that can be read.")
                          % {"format": fmt})
    width, height = info.width, info.height
    if info.rotation in (90, 270):
        width, height = height, width
    return Media("video", fmt, width, height, info.frames, info.duration)
