"""With Redis and two task workers, a worker killed with SIGKILL in the middle of writing
a blurred photo: the job is run again by the other worker and completes, and at no moment
does the file view serve a partial output (issue 13, "Jobs at scale").

Real parts only: Debian's redis-server (conftest.redis_url), two `protocolwijzer manage
rqworker default media` processes (as scripts/serve starts them), the real job code and
imaging. What the test adds is a moment to kill at: with PW_MEDIA_TEST_HOLD_DIR the job
announces, after the first chunk of its output is on disk, that it is writing, and waits
(media/tasks.py ``hold``). The kill takes the worker and its work horse, as a machine
that dies or an OOM kill of the whole service would. The person's side (upload, blur
request, polling the file view) runs in a process of its own (killed_worker_driver.py),
on the same SQLite file.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from rq.job import Job

REPO = Path(__file__).resolve().parents[3]
DRIVER = Path(__file__).with_name("killed_worker_driver.py")

pytestmark = pytest.mark.slow


def _env(tmp_path: Path, redis_url: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update({
        "DJANGO_SETTINGS_MODULE": "protocolwijzer.settings",
        "PYTHONPATH": str(REPO),
        "PW_SECRET_KEY": "killed-worker-test-only",
        "PW_ALLOWED_HOSTS": "testserver",
        "PW_DATA_DIR": str(tmp_path / "data"),
        "PW_MEDIA_DIR": str(tmp_path / "media"),
        "PW_REDIS_URL": redis_url,
        "PW_MEDIA_TEST_HOLD_DIR": str(tmp_path / "hold"),
        # A dead worker's job is noticed within seconds here (defaults: 10, 60, 30).
        "PW_TASK_HEARTBEAT_SECONDS": "1",
        "PW_TASK_ABANDONED_SECONDS": "3",
        "PW_TASK_MAINTENANCE_SECONDS": "1",
        "PW_LOG_LEVEL": "WARNING",
    })
    return env


def _manage(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "protocolwijzer.cli", "manage", *args],
                            env=env, cwd=REPO, stdout=log.open("ab"),
                            stderr=subprocess.STDOUT)


def _marker(hold: Path, seconds: float, *, other_than: set[Path]) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = set(hold.glob("writing-*.waiting")) - other_than
        if found:
            return found.pop()
        time.sleep(0.05)
    raise AssertionError(f"no job reached the writing checkpoint within {seconds} s")


def _polled(tmp_path: Path, times: int, seconds: float) -> None:
    """Waits until the person's page has seen the job running ``times`` times: on a busy
    machine polling is slow, and the job is held until it has been watched."""
    counter = tmp_path / "polls-while-running"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError, ValueError):
            if int(counter.read_text() or 0) >= times:
                return
        time.sleep(0.05)
    raise AssertionError(f"the page did not see the job running {times} times in {seconds} s")


@contextlib.contextmanager
def _processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.terminate()
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.parametrize("killed", ["worker", "work horse"])
def test_a_killed_job_completes_after_a_retry_and_nothing_partial_is_ever_served(
        tmp_path: Path, redis_url: str, killed: str) -> None:
    """``worker``: the worker and its work horse die (a machine gone); the other worker
    notices the abandoned job and runs it. ``work horse``: only the process running the
    job dies (the kernel's OOM killer); its worker sees it and requeues the job."""
    redis.Redis.from_url(redis_url).flushdb()
    env = _env(tmp_path, redis_url)
    hold = tmp_path / "hold"
    hold.mkdir()
    log = tmp_path / "processes.log"
    migrate = subprocess.run([sys.executable, "-m", "protocolwijzer.cli", "manage", "migrate",
                              "--no-input"], env=env, cwd=REPO, capture_output=True,
                             timeout=300, check=False)
    assert migrate.returncode == 0, migrate.stderr

    with _processes() as started:
        workers = {}
        for name in ("eerste", "tweede"):
            worker = _manage(env, "rqworker", "default", "media", "--name", name, log=log)
            started.append(worker)
            workers[worker.pid] = worker
        # Debug mode only for the person's side: its 404 pages then need no collected
        # static files (the production start collects them; this test starts no server).
        driver = subprocess.Popen([sys.executable, str(DRIVER), str(tmp_path / "report.json")],
                                  env={**env, "PW_DEBUG": "true"}, cwd=REPO, stdout=log.open("ab"),
                                  stderr=subprocess.STDOUT)
        started.append(driver)

        first = _marker(hold, 240, other_than=set())
        ids = json.loads(first.read_text())
        assert ids["ppid"] in workers, "the job did not run in a task worker"
        # Half of the blurred photo is on disk under its new name while the job waits.
        partial = list((tmp_path / "media").rglob("result-*.jpg"))
        assert len(partial) == 1
        _polled(tmp_path, 2, 60)  # the person's page keeps polling meanwhile
        if killed == "worker":
            os.kill(ids["ppid"], signal.SIGKILL)  # the worker ...
        with contextlib.suppress(ProcessLookupError):
            os.killpg(ids["pid"], signal.SIGKILL)  # ... and the work horse running the job
        if killed == "worker":
            workers[ids["ppid"]].wait(timeout=10)

        second = _marker(hold, 120, other_than={first})
        retry = json.loads(second.read_text())
        assert retry["pid"] != ids["pid"]
        if killed == "worker":
            survivor = next(pid for pid in workers if pid != ids["ppid"])
            assert retry["ppid"] == survivor  # run again by the other worker
        else:
            assert retry["ppid"] in workers
        _polled(tmp_path, 5, 60)
        (hold / f"{first.name.split('-')[0]}-{first.name.split('-')[1]}.release").touch()

        assert driver.wait(timeout=240) == 0, log.read_text()[-3000:]

    report = json.loads((tmp_path / "report.json").read_text())
    seen = report["seen"]
    served = [s for s in seen if s["code"] == 200]
    assert report["status"] == "done"
    assert served, "the blurred photo was never served"
    # Before the job published: nothing (404); after: the whole file, every time.
    assert {s["code"] for s in seen} == {404, 200}
    assert all(s["status"] == "done" for s in served)
    assert all(s["sha256"] == report["stored_sha256"] and s["decodes"] for s in served)
    first_served = seen.index(served[0])
    assert all(s["code"] == 404 for s in seen[:first_served])
    assert sum(s["status"] == "blurring" for s in seen) >= 5  # polled while it ran
    # The queue's record: the job was retried once after its worker died.
    job = Job.fetch(report["job_id"], connection=redis.Redis.from_url(redis_url))
    assert job.retries_left == int(os.environ.get("PW_MEDIA_JOB_RETRIES", "2")) - 1
    # The killed attempt's half file is an orphan: no row points at it, and the hourly
    # retention run removes it once it is an hour old.
    assert partial[0].exists()
    assert report["result"] not in str(partial[0])
    future = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() + 2 * 3600))
    purge = subprocess.run([sys.executable, "-m", "protocolwijzer.cli", "manage",
                            "purge_media", "--now", future], env=env, cwd=REPO,
                           capture_output=True, timeout=120, check=False)
    assert purge.returncode == 0, purge.stderr
    assert not partial[0].exists()
