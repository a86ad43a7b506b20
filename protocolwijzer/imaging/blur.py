"""Making faces unrecognisable for good, and writing photos that carry nothing but pixels.

A light Gaussian blur can be undone (deconvolution) and a fine mosaic can be matched; so a
face is covered as a whole box with a margin, either by coarse blocks (at most eight across
the covered region, each one flat colour: the mean of its pixels, no noise to average away,
on the image's 16-pixel grid so that compression keeps them flat) or by a flat fill. Every photo written here is a new image made from the pixel values alone, so
that no EXIF, GPS, XMP, IPTC, maker note, thumbnail, comment, ICC profile or PNG text can
travel along; ``load_photo`` has already turned and converted the pixels to sRGB.
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
        if x2 <= x1 or y2 <= y1:
            continue
        region = pixels[y1:y2, x1:x2]
        if mode == "fill":
            region[:] = region.reshape(-1, 3).mean(axis=0).round().astype(np.uint8)
            continue
        _pixelate(region, block_size(x2 - x1, y2 - y1), x1, y1)
    return pixels


def block_size(width: int, height: int) -> int:
    """At most ``BLOCKS`` blocks across the covered region's longer side, and a multiple of
    16 pixels: blocks on the image's 16-pixel grid are whole units of JPEG and H.264
    compression, so they come out of the encoder flat instead of rippled."""
    return GRID * max(1, math.ceil(max(width, height) / BLOCKS / GRID))


def _pixelate(region: NDArray[np.uint8], block: int, left: int, top: int) -> None:
    """Each cell of the image's grid of ``block`` pixels becomes the mean of its pixels
    within the region (``left``, ``top``: the region's place in the image)."""
    h, w = region.shape[:2]
    before_x, before_y = left % block, top % block
    rows, cols = -(-(h + before_y) // block), -(-(w + before_x) // block)
    padded = np.zeros((rows * block, cols * block, 3), np.float64)
    counts = np.zeros((rows * block, cols * block, 1), np.float64)
    padded[before_y:before_y + h, before_x:before_x + w] = region
    counts[before_y:before_y + h, before_x:before_x + w] = 1
    sums = padded.reshape(rows, block, cols, block, 3).sum(axis=(1, 3))
    n = counts.reshape(rows, block, cols, block, 1).sum(axis=(1, 3))
    means = (sums / np.maximum(n, 1)).round().astype(np.uint8)
    cells = np.repeat(np.repeat(means, block, axis=0), block, axis=1)
    region[:] = cells[before_y:before_y + h, before_x:before_x + w]


def blur_photo(image: Image.Image, boxes: Sequence[Box], *, mode: Mode = "pixelate",
               quality: int = JPEG_QUALITY) -> bytes:
    """A new JPEG of ``image`` with every box covered, rebuilt from pixels only."""
    pixels = np.array(image.convert("RGB"), dtype=np.uint8)
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
    fresh.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
