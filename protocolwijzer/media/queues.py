"""The RQ queue class (settings.redis_settings, RQ ``QUEUE_CLASS``; one worker serves
queues of one class only, so mail's "default" queue has it too).

django-tasks-rq creates each job without RQ's retry option; on the checker's "media"
queue this class gives every job that has none ``PW_MEDIA_JOB_RETRIES`` retries,
immediately (no scheduler needed). Other queues keep RQ's default: no retries. RQ uses
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

RETRYING_QUEUES = frozenset({"media"})


class RetryingQueue(DjangoRQ):
    def create_job(self, *args: Any, **kwargs: Any) -> Any:
        if (self.name in RETRYING_QUEUES and kwargs.get("retry") is None
                and settings.PW_MEDIA_JOB_RETRIES > 0):
            kwargs["retry"] = Retry(max=settings.PW_MEDIA_JOB_RETRIES)
        return super().create_job(*args, **kwargs)
