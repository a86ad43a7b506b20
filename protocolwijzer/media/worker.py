"""The task worker (``protocolwijzer manage rqworker default media``; settings RQ
``WORKER_CLASS``): RQ's forking worker, tuned so that a job whose worker was killed runs
again within about a minute instead of RQ's ten.

A worker tells Redis every ``job_monitoring_interval`` seconds that its job is alive; RQ
keeps the job in the started-job registry for that long plus 60 seconds, and only an
idle worker's maintenance, every 10 minutes, moves expired (abandoned) jobs on: retried
when they have retries left (``queues.RetryingQueue``), else to the failed-job registry.
Here the heartbeat comes every ``PW_TASK_HEARTBEAT_SECONDS`` (10), a job counts as
abandoned after ``PW_TASK_ABANDONED_SECONDS`` (60) of silence, and an idle worker looks
every ``PW_TASK_MAINTENANCE_SECONDS`` (30). Everything else is RQ's own.

RQ forks a work horse for every job. So that a job does not start by importing the job
code, numpy, Pillow and onnxruntime and reading the face detector's weights (half a
second to a second on two busy cores), the worker does all that once, before its first
fork (``preload``); the work horse inherits it and only builds its detector session
(tens of milliseconds: a session made before the fork would run on one thread in the
horse, ``imaging.model.session``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rq import Worker as RQWorker
from rq.job import Job


def preload() -> None:
    """Imports what the media jobs need and reads the detector's weights into memory."""
    from protocolwijzer.imaging import blur, faces, files, model, video  # noqa: F401
    from protocolwijzer.media import tasks  # noqa: F401

    model.preload()


class Worker(RQWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("job_monitoring_interval", settings.PW_TASK_HEARTBEAT_SECONDS)
        kwargs.setdefault("maintenance_interval", settings.PW_TASK_MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)
        preload()

    @property
    def dequeue_timeout(self) -> int:
        # An idle worker waits for a job at most this long before it looks again for
        # abandoned jobs (RQ's default is worker_ttl - 15: almost seven minutes).
        return max(1, min(super().dequeue_timeout, settings.PW_TASK_MAINTENANCE_SECONDS))

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        # RQ: min(time left, monitoring interval) + 60. Here the grace after the next
        # expected heartbeat is what PW_TASK_ABANDONED_SECONDS leaves.
        grace = settings.PW_TASK_ABANDONED_SECONDS - self.job_monitoring_interval
        if job.timeout and job.timeout > 0:
            return int(min(job.timeout - working_time, self.job_monitoring_interval)) + grace
        return int(self.job_monitoring_interval + grace)
