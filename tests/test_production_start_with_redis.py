"""`scripts/serve` with PW_REDIS_URL: gunicorn and the task worker side by side, stopped
together (see protocolwijzer/serve.py), against a real redis-server."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import redis
from rq import Worker

from tests.production import REPO, free_port, production_env, wait_until_healthy


def _start(tmp_path: Path, redis_url: str) -> subprocess.Popen[bytes]:
    env = production_env(tmp_path / "data", PW_PORT=str(free_port()), PW_WORKERS="1",
                         PW_REDIS_URL=redis_url, PW_ACCESS_LOG="off")
    process = subprocess.Popen([str(REPO / "scripts" / "serve")], env=env, cwd=REPO,
                               stdout=(tmp_path / "output.log").open("wb"),
                               stderr=subprocess.STDOUT)
    wait_until_healthy(int(env["PW_PORT"]), process)
    return process


def _task_workers(redis_url: str, count: int) -> list[Worker]:
    connection = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + 60
    while len(workers := Worker.all(connection=connection)) != count:
        assert time.monotonic() < deadline, f"{len(workers)} task workers, not {count}"
        time.sleep(0.2)
    return workers


@pytest.fixture
def empty_redis(redis_url: str) -> str:
    redis.Redis.from_url(redis_url).flushdb()
    return redis_url


@pytest.mark.slow
def test_the_production_start_with_redis_runs_a_task_worker_and_stops_it_with_gunicorn(
        tmp_path: Path, empty_redis: str) -> None:
    process = _start(tmp_path, empty_redis)
    try:
        [worker] = _task_workers(empty_redis, 1)
        assert worker.queue_names() == ["default", "media"]
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=60)

    assert code == 0
    _task_workers(empty_redis, 0)  # a warm shutdown: the worker signed off


@pytest.mark.slow
def test_when_the_task_worker_dies_the_production_start_stops_so_it_is_restarted(
        tmp_path: Path, empty_redis: str) -> None:
    process = _start(tmp_path, empty_redis)
    try:
        [worker] = _task_workers(empty_redis, 1)
        os.kill(worker.pid, signal.SIGKILL)
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert code != 0
    assert "the task worker stopped" in (tmp_path / "output.log").read_text()
