"""Making faces unrecognisable for good, and writing photos that carry nothing but pixels.

A light Gaussian blur can be undone (deconvolution) and a fine mosaic can be matched; so a
face is covered as a whole box with a margin, either by coarse blocks (at most eight across
the covered region, each one flat colour: the mean of its pixels, no noise to average away,
on the image's 16-pixel grid so that compression keeps them flat) or by a flat fill. Every
photo written here is a new image made from the pixel values alone, so that no EXIF, GPS,
XMP, IPTC, maker note, thumbnail, comment, ICC profile or PNG text can travel along;
``load_photo`` has already turned the pixels upright and converted them to sRGB.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Box = tuple[int, int, int, int]
Mode = Literal["pixelate", "fill"]

#: Margin around a face box, as a share of the box's width and height on each side: the
#: box of a detector ends at the chin and the hairline, ears and hair still tell who it is.
MARGIN = 0.25
#: Blocks across the covered region's longer side: at most this many, so that a block is
#: at least 1/8 of it.
BLOCKS = 8
GRID = 16
JPEG_QUALITY = 90


def cover_box(box: Box, width: int, height: int, margin: float = MARGIN, grid: int = GRID
              ) -> Box:
    """The region that is covered for a face box: the box with its margin, widened to the
    image's ``grid`` (whole units of compression, so no unblurred pixel shares one with the
    blocks), within the image."""
    x1, y1, x2, y2 = box
    dx, dy = (x2 - x1) * margin, (y2 - y1) * margin
    left, top = math.floor(x1 - dx) // grid * grid, math.floor(y1 - dy) // grid * grid
    right, bottom = -(-math.ceil(x2 + dx) // grid) * grid, -(-math.ceil(y2 + dy) // grid) * grid
    return (max(0, left), max(0, top), min(width, right), min(height, bottom))


def cover_faces(pixels: NDArray[np.uint8], boxes: Sequence[Box], *, mode: Mode = "pixelate",
                margin: float = MARGIN) -> NDArray[np.uint8]:
    """Covers each box (with its margin) in ``pixels`` (height x width x 3), in place."""
    height, width = pixels.shape[:2]
    for box in boxes:
        x1, y1, x2, y2 = cover_box(box, width, height, margin)
        if x2 > x1 and y2 > y1:
            _cover(pixels[y1:y2, x1:x2], mode, block_size(x2 - x1, y2 - y1), x1, y1)
    return pixels


def cover_faces_yuv(planes: tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8]],
                    boxes: Sequence[Box], *, mode: Mode = "pixelate",
                    margin: float = MARGIN) -> None:
    """The same as ``cover_faces`` on a YUV 4:2:0 frame (a full-size luma plane and two
    half-size chroma planes), in place. The mean of a block is the same colour whether
    it is taken in RGB or in YUV (the conversion is linear), and the blocks lie on the
    16-pixel grid, so the chroma blocks are whole 8-pixel cells: the result is the RGB
    cover's, without converting every frame to RGB and back."""
    luma, blue, red = planes
    height, width = luma.shape
    for box in boxes:
        x1, y1, x2, y2 = cover_box(box, width, height, margin)
        if x2 <= x1 or y2 <= y1:
            continue
        block = block_size(x2 - x1, y2 - y1)
        _cover(luma[y1:y2, x1:x2, None], mode, block, x1, y1)
        cx1, cy1, cx2, cy2 = x1 // 2, y1 // 2, -(-x2 // 2), -(-y2 // 2)
        for plane in (blue, red):
            _cover(plane[cy1:cy2, cx1:cx2, None], mode, block // 2, cx1, cy1)


def _cover(region: NDArray[np.uint8], mode: Mode, block: int, left: int, top: int) -> None:
    if mode == "fill":
        channels = region.shape[2]
        region[:] = region.reshape(-1, channels).mean(axis=0).round().astype(np.uint8)
    else:
        _pixelate(region, block, left, top)


def block_size(width: int, height: int) -> int:
    """At most ``BLOCKS`` blocks across the covered region's longer side, and a multiple of
    16 pixels: blocks on the image's 16-pixel grid are whole units of JPEG and H.264
    compression, so they come out of the encoder flat instead of rippled."""
    return GRID * max(1, math.ceil(max(width, height) / BLOCKS / GRID))


def _pixelate(region: NDArray[np.uint8], block: int, left: int, top: int) -> None:
    """Each cell of the image's grid of ``block`` pixels becomes the mean of its pixels
    within the region (``left``, ``top``: the region's place in the image); ``region`` is
    height x width x channels. Sums in integers over the cells' rows and columns, one
    division per cell: no float copy of the region."""
    h, w, _channels = region.shape
    rows = np.arange(-(top % block), h, block).clip(0)
    cols = np.arange(-(left % block), w, block).clip(0)
    heights, widths = np.diff(rows, append=h), np.diff(cols, append=w)
    sums = np.add.reduceat(np.add.reduceat(region, rows, axis=0, dtype=np.uint32), cols,
                           axis=1)
    counts = (heights[:, None] * widths[None, :])[:, :, None]
    means = (sums / counts).round().astype(np.uint8)
    region[:] = np.repeat(np.repeat(means, heights, axis=0), widths, axis=1)


def blur_photo(image: Image.Image, boxes: Sequence[Box], *, mode: Mode = "pixelate",
               quality: int = JPEG_QUALITY) -> bytes:
    """A new JPEG of ``image`` with every box covered, rebuilt from pixels only."""
    pixels = np.array(image if image.mode == "RGB" else image.convert("RGB"), dtype=np.uint8)
    cover_faces(pixels, boxes, mode=mode)
    return encode_jpeg(pixels, quality)


def clean_photo(image: Image.Image, *, quality: int = JPEG_QUALITY) -> bytes:
    """A new JPEG of ``image`` without any of its file's metadata, nothing covered."""
    return encode_jpeg(np.array(image.convert("RGB"), dtype=np.uint8), quality)


def encode_jpeg(pixels: NDArray[np.uint8], quality: int = JPEG_QUALITY) -> bytes:
    """JPEG bytes of an RGB array: a fresh image, so no metadata exists to be written."""
    fresh = Image.fromarray(np.ascontiguousarray(pixels), "RGB")
    out = io.BytesIO()
    # No exif, icc_profile, comment or thumbnail is given, so none is written; JFIF's
    # density fields are the only header Pillow adds.
    fresh.save(out, "JPEG", quality=quality)
    return out.getvalue()
