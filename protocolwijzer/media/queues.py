"""The RQ queue of the checker's photo and video jobs ("media", settings.redis_settings).

django-tasks-rq creates each job without RQ's retry option; this queue gives every job
that has none ``PW_MEDIA_JOB_RETRIES`` retries, immediately (no scheduler needed). RQ uses
them both when the job raises and when its worker dies mid-job: another worker's
maintenance finds the abandoned job in the started-job registry and requeues it
(``rq.registry.StartedJobRegistry.cleanup``; see ``worker.Worker`` for how soon). The jobs
are safe to run again (media/tasks.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_rq.queues import DjangoRQ
from rq import Retry


class RetryingQueue(DjangoRQ):
    def create_job(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("retry") is None and settings.PW_MEDIA_JOB_RETRIES > 0:
            kwargs["retry"] = Retry(max=settings.PW_MEDIA_JOB_RETRIES)
        return super().create_job(*args, **kwargs)
