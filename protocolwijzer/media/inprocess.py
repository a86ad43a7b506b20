"""A task backend for the embedded default (no Redis): the job runs in a thread of the
process that enqueued it, after the enqueuing transaction commits, so the request that
uploads a video answers at once and the page shows the job's progress meanwhile.

Same job code as with a task worker (media/tasks.py). What it lacks: a job does not
survive the process (a restart loses a running job; the page then shows it as stopped
after ``PW_MEDIA_STALLED_MINUTES`` and offers to try again), and it is not retried
automatically. Jobs run one at a time per process, so a large video does not take every
core of a small server.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import close_old_connections, connections, transaction
from django.tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger("protocolwijzer.media")

_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pw-media")
        return _executor


class ThreadBackend(ImmediateBackend):
    """``ImmediateBackend``'s bookkeeping (result, errors, signals), run in a thread."""

    def _execute_task(self, task_result: Any) -> None:
        def run() -> None:
            close_old_connections()
            try:
                super(ThreadBackend, self)._execute_task(task_result)
            except BaseException:  # the immediate backend records errors; log the rest
                logger.exception("A background job stopped unexpectedly")
            finally:
                connections.close_all()

        transaction.on_commit(lambda: _pool().submit(run))


def wait_for_jobs() -> None:
    """Waits until every job submitted so far has run (for tests and a clean stop)."""
    done = threading.Event()
    _pool().submit(done.set)
    done.wait()
