"""A task worker loads the job code and the face detector's weights once, before it forks
a work horse per job, so a job starts warm; each work horse still runs a detector session
of its own, with all its threads (issue 13, "Jobs at scale")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

# Run in a fresh interpreter: what the worker loads must not come from this test process.
_FORKED_JOB = """
import json, os, sys, time
import django
django.setup()
from protocolwijzer.media.worker import Worker, preload
if sys.argv[1] == "worker":
    import redis
    Worker(["media"], connection=redis.Redis.from_url(sys.argv[2]))
else:
    preload()
from protocolwijzer.imaging import model
report = {"loaded": "onnxruntime" in sys.modules
          and "protocolwijzer.media.tasks" in sys.modules
          and model.network.cache_info().currsize == 1}
if sys.argv[1] == "fork":
    parent = model.session()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        from protocolwijzer.imaging import detect_faces, faceset
        scene = faceset.group_photo(4, (640, 360), 3, min_face=40, max_face=60)
        start = time.perf_counter()
        faces = detect_faces(scene.image)
        os.write(write, json.dumps({
            "own_session": model.session() is not parent, "faces": len(faces),
            "expected": len(scene.faces),
            "ms": round((time.perf_counter() - start) * 1000)}).encode())
        os._exit(0)
    os.waitpid(pid, 0)
    report.update(json.loads(os.read(read, 10000)))
print(json.dumps(report))
"""


def _run(*args: str) -> dict[str, object]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "protocolwijzer.settings",
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _FORKED_JOB, *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_work_horse_forked_after_the_preload_finds_faces_with_a_session_of_its_own() -> None:
    report = _run("fork")

    assert report["loaded"] is True
    assert report["own_session"] is True  # not the parent's, whose threads fork left behind
    assert report["faces"] == report["expected"] == 3


@pytest.mark.slow
def test_the_task_worker_loads_the_detector_before_its_first_job(redis_url: str) -> None:
    assert _run("worker", redis_url)["loaded"] is True
