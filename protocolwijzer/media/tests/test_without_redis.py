"""The embedded default needs no Redis: without PW_REDIS_URL the same jobs run in a
thread of the web process (media/inprocess.py), after the upload's transaction commits,
so the request answers at once and the page polls the progress."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import task_backends
from django.test import Client
from django.urls import reverse

from protocolwijzer.media.actions import do_request_blur, do_set_blur, do_upload_media
from protocolwijzer.media.inprocess import ThreadBackend, wait_for_jobs
from protocolwijzer.media.models import MediaItem
from protocolwijzer.media.tests.factories import group_photo_jpeg
from protocolwijzer.schools.tests.personas import make_personas, sign_in


@pytest.fixture
def in_a_thread(settings: Any) -> None:
    settings.TASKS = {**settings.TASKS, "media": {
        "BACKEND": "protocolwijzer.media.inprocess.ThreadBackend", "QUEUES": ["media"]}}


def test_the_default_without_redis_runs_the_jobs_in_a_thread_of_the_web_process(
        transactional_db: None, in_a_thread: None) -> None:
    assert "PW_REDIS_URL" not in os.environ
    assert isinstance(task_backends["media"], ThreadBackend)
    p = make_personas()
    mentor = p.user("mentor")

    item = do_upload_media(p.mentor, p.school, SimpleUploadedFile(
        "klas.jpg", group_photo_jpeg(faces=2)), by=mentor)
    wait_for_jobs()

    item.refresh_from_db()
    assert (item.status, item.faces.count()) == (MediaItem.Status.READY, 2)
    do_set_blur(item, [1, 2], by=mentor)
    do_request_blur(item, by=mentor)
    wait_for_jobs()
    client = Client()
    sign_in(client, mentor)
    state = client.get(reverse("media:status", args=[item.pk])).json()
    assert (state["status"], state["progress"]) == ("done", 100)
    assert client.get(state["result"]).status_code == 200


def test_the_settings_choose_the_thread_backend_when_there_is_no_redis() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PW_REDIS_URL"}
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.TASKS['media']['BACKEND'])")
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**env, "DJANGO_SETTINGS_MODULE": "protocolwijzer.settings"},
                            timeout=60, check=True)
    assert answer.stdout.strip() == "protocolwijzer.media.inprocess.ThreadBackend"
