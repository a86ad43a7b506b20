"""The person's side of test_killed_worker.py, run as its own process against the same
database file and Redis as the task workers (Django's test database lives in the test
process only). It uploads a class photo, waits for the faces, asks for a blurred version
and meanwhile fetches the blurred version through the file view as fast as it can, the way
a page that polls would; it writes everything it saw to the report file named by its
first argument. Not a test module itself (no test_ prefix)."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import time
from pathlib import Path

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import Image  # noqa: E402

from protocolwijzer.accounts.models import User  # noqa: E402
from protocolwijzer.media import storage  # noqa: E402
from protocolwijzer.media.actions import do_request_blur, do_set_blur, do_upload_media  # noqa: E402
from protocolwijzer.media.models import MediaItem  # noqa: E402
from protocolwijzer.media.tests.factories import group_photo_jpeg  # noqa: E402
from protocolwijzer.schools.models import Group, Person, School, Stichting  # noqa: E402


def wait_for(item: MediaItem, status: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while item.status != status:
        if time.monotonic() > deadline:
            raise SystemExit(f"item {item.pk} stayed {item.status}, not {status}")
        time.sleep(0.1)
        item.refresh_from_db()


def decodes(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
        return True
    except Exception:
        return False


def main(report: Path) -> None:
    stichting = Stichting.objects.create(name="Stichting Test")
    school = School.objects.create(stichting=stichting, name="De Maas", slug="de-maas")
    group = Group.objects.create(school=school, name="1A")
    user = User.objects.create_user("mentor@de-maas.example", None, name="Mirjam Mentor")
    mentor = Person.objects.create(school=school, first_name="Mirjam", last_name="Mentor",
                                   role=Person.Role.MENTOR, group=group, user=user)
    item = do_upload_media(mentor, school, SimpleUploadedFile(
        "klas.jpg", group_photo_jpeg(faces=4, size=(1280, 720))), group=group, by=user)
    print(f"uploaded item {item.pk}", flush=True)
    wait_for(item, MediaItem.Status.READY, 120)
    do_set_blur(item, item.faces.values_list("number", flat=True), by=user)
    do_request_blur(item, by=user)
    print("blur requested", flush=True)

    client = Client()
    client.force_login(user)
    url = reverse("media:file", args=[item.pk])
    seen: list[dict[str, object]] = []
    deadline = time.monotonic() + 240
    successes = 0
    while successes < 3 and time.monotonic() < deadline:
        answer = client.get(url, {"variant": "result"})
        body = b"".join(answer.streaming_content) if answer.status_code == 200 else b""
        status = client.get(reverse("media:status", args=[item.pk])).json()
        seen.append({"code": answer.status_code, "sha256": hashlib.sha256(body).hexdigest(),
                     "size": len(body), "decodes": decodes(body) if body else False,
                     "status": status["status"], "progress": status["progress"]})
        successes += answer.status_code == 200
        # How often the page saw the job running: the test holds the job until it has.
        running = sum(s["status"] == "blurring" for s in seen)
        report.with_name("polls-while-running").write_text(str(running))
        time.sleep(0.02)
    item.refresh_from_db()
    stored = storage.read(item.result.name) if item.result.name else b""
    report.write_text(json.dumps({
        "item": item.pk, "status": item.status, "job_id": item.job_id,
        "result": item.result.name, "stored_sha256": hashlib.sha256(stored).hexdigest(),
        "folder": storage.list_folder(item.storage_prefix), "seen": seen}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
