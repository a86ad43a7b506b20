"""With ``PW_REDIS_URL`` the password-reset mail waits in a queue in Redis until a task
worker sends it, a failed mail can be run again, and the rate limits count over all
worker processes together. Against a real redis-server (see conftest.py)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import django_rq
import pytest
import redis
from django.core import mail
from django.core.cache import caches
from django.tasks import TaskResultStatus, default_task_backend
from django.test import Client
from rq.registry import FailedJobRegistry

from protocolwijzer.schools.tests.personas import Personas
from protocolwijzer.settings import redis_settings

from .test_password_reset import CHOOSE, FORGOTTEN, _link_in

UNKNOWN = "niemand@nergens.example"
REPO = Path(__file__).resolve().parents[3]
LOCMEM_MAIL = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def with_redis(redis_url: str, settings: object) -> Iterator[str]:
    """The settings that PW_REDIS_URL gives, on an empty Redis."""
    redis.Redis.from_url(redis_url).flushdb()
    for name, value in redis_settings(redis_url).items():
        setattr(settings, name, value)
    yield redis_url


def _run_the_task_worker() -> None:
    """What `protocolwijzer manage rqworker --burst` does, in this process (its worker
    would run each job in a forked child, out of reach of the test's database and
    mail outbox): the queue's jobs, then stop."""
    worker = django_rq.get_worker("default", worker_class="rq.SimpleWorker")
    worker.work(burst=True)


def _operator(*args: str, redis_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PW_REDIS_URL": redis_url, "PW_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "protocolwijzer.settings"}
    return subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=60, check=False)


def test_with_redis_a_reset_request_queues_the_mail_and_a_worker_sends_it(
        personas: Personas, with_redis: str) -> None:
    teacher = personas.user("teacher")

    answer = Client().post(FORGOTTEN, {"email": teacher.email})

    assert answer.status_code == 200
    assert mail.outbox == []  # not sent inside the request
    assert django_rq.get_queue("default").count == 1

    _run_the_task_worker()

    [sent] = mail.outbox
    assert sent.to == [teacher.email]
    browser = Client()
    assert browser.get(_link_in(sent))["Location"] == CHOOSE
    assert django_rq.get_queue("default").count == 0


def test_with_redis_an_unknown_address_queues_nothing(db: None, with_redis: str) -> None:
    assert Client().post(FORGOTTEN, {"email": UNKNOWN}).status_code == 200
    assert django_rq.get_queue("default").count == 0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_reset_mail_the_mail_server_refuses_is_kept_as_failed_and_an_operator_requeues_it(
        personas: Personas, with_redis: str, settings: object, tmp_path: Path) -> None:
    teacher = personas.user("teacher")
    settings.MAILERS = {"default": {  # type: ignore[attr-defined]
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": _closed_port(), "timeout": 5},
    }}
    assert Client().post(FORGOTTEN, {"email": teacher.email}).status_code == 200

    _run_the_task_worker()

    failed = FailedJobRegistry(queue=django_rq.get_queue("default"))
    [job_id] = failed.get_job_ids()
    result = default_task_backend.get_result(job_id)
    assert result.status == TaskResultStatus.FAILED
    [error] = result.errors
    assert error.exception_class_path.endswith(".MailNotSent")
    assert teacher.email not in error.traceback  # no address in the failed-job record

    # The mail server is back; the operator requeues what failed (docs/operations.md).
    settings.MAILERS = LOCMEM_MAIL  # type: ignore[attr-defined]
    requeue = _operator(str(Path(sys.executable).parent / "rq"), "requeue", "--all",
                        "--queue", "default", "--url", with_redis,
                        redis_url=with_redis, tmp_path=tmp_path)
    assert requeue.returncode == 0, requeue.stderr
    _run_the_task_worker()

    [sent] = mail.outbox
    assert sent.to == [teacher.email]
    assert failed.count == 0
    assert default_task_backend.get_result(job_id).status == TaskResultStatus.SUCCESSFUL


def _new_cache_client() -> None:
    """The next use of the cache makes a new client, with its own connections, as a
    request in another gunicorn worker process would."""
    with contextlib.suppress(AttributeError):  # none made yet in this thread
        del caches["default"]


def test_with_redis_every_worker_process_counts_towards_the_same_reset_limit(
        db: None, with_redis: str, tmp_path: Path) -> None:
    # Three requests, each through a new cache client, as if each reached another
    # gunicorn worker; the limit is three an hour per address.
    for i in range(3):
        _new_cache_client()
        answer = Client(REMOTE_ADDR=f"192.0.2.{i}").post(FORGOTTEN, {"email": UNKNOWN})
        assert answer.status_code == 200

    # A process of its own, configured by PW_REDIS_URL alone, finds the limit used up.
    other_process = _operator(
        sys.executable, "-c",
        "import django; django.setup()\n"
        "from protocolwijzer.accounts.actions import RESET_LIMIT_PER_EMAIL\n"
        "from protocolwijzer.accounts.ratelimit import count_and_check\n"
        f"print(count_and_check(RESET_LIMIT_PER_EMAIL, {UNKNOWN!r}))",
        redis_url=with_redis, tmp_path=tmp_path)
    assert other_process.returncode == 0, other_process.stderr
    assert int(other_process.stdout.strip()) > 0  # seconds to wait: refused

    _new_cache_client()
    assert Client(REMOTE_ADDR="192.0.2.9").post(
        FORGOTTEN, {"email": UNKNOWN}).status_code == 429


def test_the_task_worker_command_runs_with_pw_redis_url(with_redis: str, tmp_path: Path) -> None:
    worker = _operator(sys.executable, "-m", "protocolwijzer.cli", "manage", "rqworker",
                       "--burst", redis_url=with_redis, tmp_path=tmp_path)
    assert worker.returncode == 0, worker.stderr
    assert "default" in worker.stderr + worker.stdout
