"""With ``PW_REDIS_URL`` a notification mail waits in the queue in Redis, holding an
account's number only, until the task worker sends it: the parent's save never waits for
the mail server. Against a real redis-server (see the root conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import django_rq
import pytest
import redis
from django.core import mail
from django.test import Client

from protocolwijzer.consent.guardian import do_make_guardian_link, field_name
from protocolwijzer.publications.tests.conftest import decide, purpose
from protocolwijzer.settings import redis_settings


@pytest.fixture
def with_redis(redis_url: str, settings: object) -> Iterator[str]:
    redis.Redis.from_url(redis_url).flushdb()
    for name, value in redis_settings(redis_url).items():
        setattr(settings, name, value)
    yield redis_url


def test_a_withdrawal_queues_communicaties_mail_and_the_worker_sends_it(
        p, log, with_redis, django_capture_on_commit_callbacks):
    decide(p.student, "sociale-media", "given", p.parent)
    log(p.student)
    _link, token = do_make_guardian_link(p.parent, None)
    browser = Client()
    browser.get(f"/toestemming/ouder/{token}/")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/toestemming/ouder/", {
            field_name(p.student, purpose(p.school, "sociale-media")): "refused"})

    queue = django_rq.get_queue("default")
    assert mail.outbox == [] and queue.count == 2  # communicatie, and the mentor of 1A
    for job in queue.get_jobs():
        assert p.student.first_name not in repr(job.args) + repr(job.kwargs)
    django_rq.get_worker("default", worker_class="rq.SimpleWorker").work(burst=True)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [p.communicatie.user.email, p.mentor.user.email])
    assert queue.count == 0
