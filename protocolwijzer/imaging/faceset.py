"""A labelled face set without real children: synthetic group photos with known boxes.

The faces come from images that ship inside scikit-image (installed with ``deface``): the
100 face crops of its Labeled Faces in the Wild subset (25 x 25 pixels, grey: adult public
figures) and the astronaut portrait (Eileen Collins, NASA, public domain). They are tinted,
scaled from about 20 to 200 pixels, tilted, turned (a perspective warp that narrows one
side), some partly covered, and pasted as heads with hair and shoulders onto backgrounds
made from scikit-image's other sample images; the other 100 crops of that subset (no
faces), the cat and other shapes are pasted as things that are not faces.

Everything follows from a seed, so the set is rebuilt byte for byte by
``scripts/build-face-set`` (and by ``bench/faces.py`` when it is missing); the tests and
the browser tests make their own group photo with ``group_photo()``.

A box is the face from forehead to chin and cheek to cheek (the convention of the WIDER
FACE set the network learnt from): for a tilted face the upright box around the tilted
face's ellipse.
"""

from __future__ import annotations

import argparse
import importlib.resources
import io
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

Box = tuple[int, int, int, int]

FORMAT = "protocolwijzer-faces/1"
SIZES = ((1280, 720), (1920, 1080), (1600, 1067), (1024, 768), (2400, 1600), (800, 600))
#: The astronaut's face in astronaut.png (forehead to chin, cheek to cheek).
ASTRONAUT_FACE = (176, 56, 274, 180)
#: The face inside an LFW crop of 25 x 25 (the crop runs from the brow to the chin).
LFW_FACE = (0.1, 0.0, 0.9, 1.0)

SKIN = ((236, 200, 170), (224, 172, 140), (198, 140, 106), (160, 110, 80), (110, 75, 55),
        (250, 215, 190))
HAIR = ((40, 30, 25), (90, 60, 30), (200, 160, 90), (20, 20, 20), (140, 80, 40),
        (170, 170, 170))
CLOTHES = ((30, 60, 150), (180, 30, 40), (40, 120, 60), (230, 230, 230), (20, 20, 30),
           (230, 160, 40), (120, 60, 150))


@dataclass
class LabelledFace:
    box: Box
    source: str
    size: int
    rotation: float = 0.0
    turned: float = 0.0
    occluded: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"box": list(self.box), "source": self.source, "size": self.size,
                "rotation": round(self.rotation, 1), "turned": round(self.turned, 2),
                "occluded": self.occluded}


@dataclass
class Scene:
    image: Image.Image
    faces: list[LabelledFace] = field(default_factory=list)

    @property
    def boxes(self) -> list[Box]:
        return [face.box for face in self.faces]


# -- sources --------------------------------------------------------------------------------

def _data(name: str) -> Any:
    return importlib.resources.files("skimage") / "data" / name


@cache
def _lfw() -> NDArray[np.uint8]:
    with _data("lfw_subset.npy").open("rb") as handle:
        crops = np.load(handle)
    result: NDArray[np.uint8] = (np.clip(crops, 0, 1) * 255).round().astype(np.uint8)
    return result


@cache
def _picture(name: str) -> Image.Image:
    with _data(name).open("rb") as handle:
        image = Image.open(handle)
        image.load()
    return image.convert("RGB")


BACKGROUNDS = ("brick.png", "grass.png", "gravel.png", "coffee.png", "hubble_deep_field.jpg",
               "rocket.jpg", "motorcycle_left.png", "camera.png", "coins.png", "color.png")


def _background(rng: np.random.Generator, width: int, height: int) -> Image.Image:
    source = _picture(BACKGROUNDS[int(rng.integers(len(BACKGROUNDS)))])
    zoom = max(width / source.width, height / source.height) * float(rng.uniform(1.0, 1.6))
    big = source.resize((math.ceil(source.width * zoom), math.ceil(source.height * zoom)),
                        Image.Resampling.BILINEAR)
    x = int(rng.integers(0, big.width - width + 1))
    y = int(rng.integers(0, big.height - height + 1))
    image = big.crop((x, y, x + width, y + height))
    # A tinted wash, so that grey textures look like a wall, a floor or a playground.
    tint = Image.new("RGB", (width, height), tuple(int(v) for v in rng.integers(60, 230, 3)))
    return Image.blend(image, tint, float(rng.uniform(0.2, 0.6)))


def _face_patch(rng: np.random.Generator, size: int) -> tuple[Image.Image, tuple[float, ...],
                                                                   str]:
    """A head (RGB) and the face's box in it as fractions of the patch."""
    if size >= 90 and rng.random() < 0.4:
        astronaut = _picture("astronaut.png")
        x1, y1, x2, y2 = ASTRONAUT_FACE
        pad_x, pad_y = (x2 - x1) * 0.35, (y2 - y1) * 0.3
        crop = (x1 - pad_x, y1 - pad_y, x2 + pad_x, y2 + pad_y * 0.6)
        patch = astronaut.crop((round(crop[0]), round(crop[1]), round(crop[2]), round(crop[3])))
        w, h = patch.size
        face = ((x1 - crop[0]) / w, (y1 - crop[1]) / h, (x2 - crop[0]) / w, (y2 - crop[1]) / h)
        return patch, face, "astronaut"
    index = int(rng.integers(100))
    grey = _lfw()[index].astype(np.float32) / 255
    skin = np.array(SKIN[int(rng.integers(len(SKIN)))], np.float32)
    rgb = np.clip(grey[..., None] * skin[None, None, :] * 1.25, 0, 255).astype(np.uint8)
    return Image.fromarray(rgb), LFW_FACE, f"lfw-{index}"


def _head(rng: np.random.Generator, size: int) -> tuple[Image.Image, Image.Image,
                                                        tuple[float, float, float, float],
                                                        str, float, float, bool]:
    """A head scaled so that its face is ``size`` pixels high: the RGB image, its mask,
    the face box in its pixels, the source and what was done to it."""
    patch, (f1, g1, f2, g2), source = _face_patch(rng, size)
    scale = size / ((g2 - g1) * patch.height)
    w, h = max(4, round(patch.width * scale)), max(4, round(patch.height * scale))
    head = patch.resize((w, h), Image.Resampling.BICUBIC)
    if rng.random() < 0.5:
        head = head.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        f1, f2 = 1 - f2, 1 - f1
    face = [f1 * w, g1 * h, f2 * w, g2 * h]
    # Hair and a soft oval: the pasted crop is a head, not a square.
    canvas_w, canvas_h = round(w * 1.3), round(h * 1.35)
    ox, oy = (canvas_w - w) // 2, round(h * 0.3)
    canvas = Image.new("RGB", (canvas_w, canvas_h), HAIR[int(rng.integers(len(HAIR)))])
    mask = Image.new("L", (canvas_w, canvas_h), 0)
    ImageDraw.Draw(mask).ellipse((ox - w * 0.08, oy - h * 0.3, ox + w * 1.08, oy + h * 0.75),
                                 fill=255)
    face_mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(face_mask).ellipse((-w * 0.02, -h * 0.05, w * 1.02, h * 1.02), fill=255)
    face_mask = face_mask.filter(ImageFilter.GaussianBlur(max(0.5, w / 30)))
    canvas.paste(head, (ox, oy), face_mask)
    mask.paste(255, (ox, oy), face_mask)
    face = [face[0] + ox, face[1] + oy, face[2] + ox, face[3] + oy]
    # Turned: one side narrowed and shortened by a perspective warp.
    turned = 0.0
    if rng.random() < 0.3:
        turned = float(rng.uniform(0.15, 0.45))
        canvas, mask, face = _turn(canvas, mask, face, turned, bool(rng.random() < 0.5))
    rotation = 0.0
    if rng.random() < 0.4:
        rotation = float(np.clip(rng.normal(0, 18), -40, 40))
        canvas, mask, face = _rotate(canvas, mask, face, rotation)
    occluded = False
    if rng.random() < 0.15:
        occluded = True
        _occlude(rng, canvas, face)
    if rng.random() < 0.25:
        canvas = canvas.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.5, 1.5))))
    factor = float(rng.uniform(0.65, 1.25))
    canvas = Image.eval(canvas, lambda v: min(255, round(v * factor)))
    return canvas, mask, (face[0], face[1], face[2], face[3]), source, rotation, turned, occluded


def _turn(canvas: Image.Image, mask: Image.Image, face: list[float], amount: float,
          left: bool) -> tuple[Image.Image, Image.Image, list[float]]:
    w, h = canvas.size
    new_w = max(4, round(w * (1 - amount / 2)))
    shrink = h * amount / 2
    # Output corners map to input corners: the far side is shorter.
    quad: tuple[float, ...] = ((0, -shrink, 0, h + shrink, w, h, w, 0) if left
                               else (0, 0, 0, h, w, h + shrink, w, -shrink))
    coeffs = _perspective(((0, 0), (0, h), (new_w, h), (new_w, 0)),
                          ((quad[0], quad[1]), (quad[2], quad[3]), (quad[4], quad[5]),
                           (quad[6], quad[7])))
    canvas = canvas.transform((new_w, h), Image.Transform.PERSPECTIVE, coeffs,
                              Image.Resampling.BILINEAR)
    mask = mask.transform((new_w, h), Image.Transform.PERSPECTIVE, coeffs,
                          Image.Resampling.BILINEAR)
    # The face box: map its corners forwards (inverse of the transform) and take the box.
    inverse = np.linalg.inv(np.array([*coeffs, 1.0]).reshape(3, 3))
    points = []
    for x, y in ((face[0], face[1]), (face[0], face[3]), (face[2], face[1]),
                 (face[2], face[3])):
        u, v, s = inverse @ np.array([x, y, 1.0])
        points.append((u / s, v / s))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return canvas, mask, [min(xs), min(ys), max(xs), max(ys)]


def _perspective(out: tuple[tuple[float, float], ...], src: tuple[tuple[float, float], ...]
                 ) -> tuple[float, ...]:
    """Coefficients for PIL's perspective transform taking output points to input points."""
    rows = []
    for (x, y), (u, v) in zip(out, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, float)
    b = np.array([c for point in src for c in point], float)
    return tuple(float(c) for c in np.linalg.solve(a, b))


def _rotate(canvas: Image.Image, mask: Image.Image, face: list[float], angle: float
            ) -> tuple[Image.Image, Image.Image, list[float]]:
    w, h = canvas.size
    canvas = canvas.rotate(angle, Image.Resampling.BICUBIC, expand=True)
    mask = mask.rotate(angle, Image.Resampling.BICUBIC, expand=True)
    # The upright box around the rotated ellipse inscribed in the face box.
    cx, cy = (face[0] + face[2]) / 2 - w / 2, (face[1] + face[3]) / 2 - h / 2
    a, b = (face[2] - face[0]) / 2, (face[3] - face[1]) / 2
    t = math.radians(angle)
    # PIL rotates counter-clockwise on screen (y down): x' = x cos + y sin, y' = -x sin + y cos
    ncx = cx * math.cos(t) + cy * math.sin(t) + canvas.width / 2
    ncy = -cx * math.sin(t) + cy * math.cos(t) + canvas.height / 2
    half_w = math.sqrt((a * math.cos(t)) ** 2 + (b * math.sin(t)) ** 2)
    half_h = math.sqrt((a * math.sin(t)) ** 2 + (b * math.cos(t)) ** 2)
    return canvas, mask, [ncx - half_w, ncy - half_h, ncx + half_w, ncy + half_h]


def _occlude(rng: np.random.Generator, canvas: Image.Image, face: list[float]) -> None:
    """Covers 20-35 % of the face from one side: a hand, a sign, a friend's shoulder."""
    x1, y1, x2, y2 = face
    part = float(rng.uniform(0.2, 0.35))
    colour = tuple(int(v) for v in rng.integers(0, 255, 3))
    side = int(rng.integers(3))
    draw = ImageDraw.Draw(canvas)
    if side == 0:
        draw.rectangle((x1 - 4, y2 - (y2 - y1) * part, x2 + 4, y2 + 8), fill=colour)
    elif side == 1:
        draw.rectangle((x1 - 8, y1 - 4, x1 + (x2 - x1) * part, y2 + 4), fill=colour)
    else:
        draw.ellipse((x2 - (x2 - x1) * part, y1 + (y2 - y1) * 0.2, x2 + (x2 - x1) * 0.4,
                      y2 + (y2 - y1) * 0.3), fill=colour)


def _distractor(rng: np.random.Generator, size: int) -> Image.Image:
    kind = int(rng.integers(3))
    if kind == 0:  # a crop of the LFW subset without a face
        grey = _lfw()[100 + int(rng.integers(100))]
        return Image.fromarray(grey).convert("RGB").resize((size, size),
                                                           Image.Resampling.BICUBIC)
    if kind == 1:  # the cat's head
        return _picture("chelsea.png").crop((60, 10, 300, 230)).resize(
            (size, round(size * 0.9)), Image.Resampling.BICUBIC)
    ball = Image.new("RGB", (size, size), tuple(int(v) for v in rng.integers(0, 255, 3)))
    ImageDraw.Draw(ball).ellipse((size * 0.2, size * 0.2, size * 0.5, size * 0.5),
                                 fill=(250, 250, 250))
    return ball


# -- scenes ---------------------------------------------------------------------------------

def group_photo(seed: int, size: tuple[int, int] = (1280, 720), faces: int | None = None,
                *, min_face: int = 20, max_face: int = 200) -> Scene:
    """One synthetic group photo with its faces' boxes (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    width, height = size
    image = _background(rng, width, height)
    count = faces if faces is not None else int(rng.integers(6, 31))
    sizes = np.exp(rng.uniform(math.log(min_face), math.log(max_face), count))
    # A class photo has rows; large faces in front (lower) and small ones behind.
    sizes = np.sort(sizes)
    taken: list[tuple[float, float, float, float]] = []
    draw = ImageDraw.Draw(image)
    scene = Scene(image)
    for face_size in sizes:
        size_px = max(min_face, min(round(float(face_size)), height // 4))
        head, mask, face, source, rotation, turned, occluded = _head(rng, size_px)
        # Shoulders below the head, in the clothes' colour.
        fw = face[2] - face[0]
        centre = (face[0] + face[2]) / 2
        body = (centre - fw * 1.3, face[3] - fw * 0.1, centre + fw * 1.3, face[3] + fw * 1.9)
        footprint = (min(0, body[0]), 0, max(head.width, body[2]), max(head.height, body[3]))
        spot = _place(rng, width, height, footprint, face, taken)
        if spot is None:
            continue
        x, y = spot
        draw.ellipse((x + body[0], y + body[1], x + body[2], y + body[3]),
                     fill=CLOTHES[int(rng.integers(len(CLOTHES)))])
        image.paste(head, (x, y), mask)
        box = (round(x + face[0]), round(y + face[1]), round(x + face[2]), round(y + face[3]))
        taken.append((x + face[0], y + face[1], x + face[2], y + face[3]))
        scene.faces.append(LabelledFace(box, source, size_px, rotation, turned, occluded))
    for _ in range(int(rng.integers(0, 7))):
        size_px = int(rng.integers(24, 160))
        thing = _distractor(rng, size_px)
        rect = (0, 0, thing.width, thing.height)
        spot = _place(rng, width, height, rect, rect, taken)
        if spot is not None:
            image.paste(thing, spot)
    return scene


def _place(rng: np.random.Generator, width: int, height: int,
           footprint: tuple[float, float, float, float],
           face: tuple[float, ...] | list[float],
           taken: list[tuple[float, float, float, float]]
           ) -> tuple[int, int] | None:
    """A spot where the face lies inside the image and what is pasted covers no earlier
    face (what comes later is drawn on top, so only the earlier faces need room)."""
    for _ in range(80):
        x = int(rng.integers(-int(face[0]), max(1 - int(face[0]), width - int(face[2]))))
        y = int(rng.integers(-int(face[1]), max(1 - int(face[1]), height - int(face[3]))))
        box = (x + footprint[0], y + footprint[1], x + footprint[2], y + footprint[3])
        margin = 2.0
        if all(box[2] + margin < t[0] or box[0] - margin > t[2] or box[3] + margin < t[1]
               or box[1] - margin > t[3] for t in taken):
            return x, y
    return None


def build(directory: Path, count: int = 40, seed: int = 13) -> dict[str, Any]:
    """Writes ``count`` scenes as JPEG files and ``labels.json`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    images = []
    for index in range(count):
        size = SIZES[index % len(SIZES)]
        scene = group_photo(seed * 1000 + index, size)
        name = f"scene-{index + 1:03d}.jpg"
        buffer = io.BytesIO()
        scene.image.save(buffer, "JPEG", quality=88)
        (directory / name).write_bytes(buffer.getvalue())
        images.append({"file": name, "width": size[0], "height": size[1],
                       "faces": [face.to_dict() for face in scene.faces]})
    labels = {"format": FORMAT, "seed": seed, "images": images}
    (directory / "labels.json").write_text(json.dumps(labels, indent=1) + "\n")
    return labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Builds the labelled face set.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    labels = build(args.directory, args.count, args.seed)
    faces = sum(len(image["faces"]) for image in labels["images"])
    print(f"{len(labels['images'])} images, {faces} faces in {args.directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
