"""Locust users for bench/load_checker.py (not run on its own).

Three kinds of user, each run alone at 20 concurrent users against a local gunicorn:
- ApiTextCheck: POST /api/v1/checks with only text (the baseline);
- ApiMediaCheck: the same with a photo described (people and consent);
- CheckerPage: a signed-in teacher opens /check/ and posts the form with a real JPEG.
"""

from __future__ import annotations

import io
import os
import re
import time

import gevent
from locust import HttpUser, between, task
from PIL import Image

TOKEN = os.environ.get("PW_LOAD_TOKEN", "")
EMAIL = os.environ.get("PW_LOAD_EMAIL", "")
PASSWORD = os.environ.get("PW_LOAD_PASSWORD", "")
USERS = int(os.environ.get("PW_LOAD_USERS", "20"))
_signed_in: list[HttpUser] = []
PROTOCOL = "willibrord-miland-2023"
TEXT = ("Trots op onze leerlingen van groep 8 na de musical! Dit is mijn eigen mening. "
        "Ik ben niet verantwoordelijk voor reacties van anderen.")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 120, 200)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


PHOTO = _jpeg()


def _situation(with_media: bool) -> dict[str, object]:
    post: dict[str, object] = {"text": TEXT}
    if with_media:
        post["media"] = [{"kind": "photo", "people": [
            {"role": "student", "consent": "given"}, {"role": "student", "consent": "unknown"}]}]
    return {"protocol": PROTOCOL, "actor": {"role": "staff"}, "context": "off_duty",
            "school_related": True, "action": "publish", "channel": "facebook",
            "account": "personal", "post": post}


def _post_check(user: HttpUser, situation: dict[str, object], name: str) -> None:
    with user.client.post("/api/v1/checks", json=situation, name=name, catch_response=True,
                          headers={"Authorization": f"Bearer {TOKEN}"}) as response:
        if response.status_code != 200 or "verdict" not in response.json():
            response.failure(f"no verdict: {response.status_code}")


class ApiTextCheck(HttpUser):
    wait_time = between(0, 0)

    @task
    def check(self) -> None:
        _post_check(self, _situation(False), "POST /checks text")


class ApiMediaCheck(HttpUser):
    wait_time = between(0, 0)

    @task
    def check(self) -> None:
        _post_check(self, _situation(True), "POST /checks media")


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


class CheckerPage(HttpUser):
    wait_time = between(0, 0)

    def on_start(self) -> None:
        # Twenty users sign in at the same moment; on SQLite a sign-in can then meet a
        # locked database (a 500). Such a user tries again, so that every user measures
        # the checker and none measures the sign-in page instead.
        for _attempt in range(5):
            page = self.client.get("/inloggen/", name="sign in page")
            response = self.client.post("/inloggen/", name="sign in", data={
                "csrfmiddlewaretoken": _csrf(page.text), "username": EMAIL,
                "password": PASSWORD}, headers={"Referer": self.host + "/inloggen/"})
            if response.ok and "/inloggen/" not in response.url:
                break
        # Hashing twenty passwords (Argon2) keeps the server busy for seconds: no user
        # checks before every user has signed in, so no check waits behind a sign-in.
        _signed_in.append(self)
        deadline = time.monotonic() + 60
        while len(_signed_in) < USERS and time.monotonic() < deadline:
            gevent.sleep(0.05)

    @task
    def check(self) -> None:
        page = self.client.get("/check/", name="GET /check/")
        data = {"csrfmiddlewaretoken": _csrf(page.text), "action": "publish",
                "context": "off_duty", "school_related": "yes", "channel": "facebook",
                "account": "personal", "text": TEXT,
                "foto-TOTAL_FORMS": "10", "foto-INITIAL_FORMS": "0",
                "foto-MIN_NUM_FORMS": "0", "foto-MAX_NUM_FORMS": "10",
                "foto-0-kind": "photo", "foto-0-students_given": "1",
                "foto-0-students_unknown": "1"}
        for index in range(1, 10):
            data[f"foto-{index}-kind"] = "photo"
        with self.client.post("/check/", name="POST /check/ with photo", data=data,
                              files={"foto-0-photo": ("musical.jpg", PHOTO, "image/jpeg")},
                              headers={"Referer": self.host + "/check/"},
                              catch_response=True) as response:
            # Since issue 13 a photo is first stored and its faces found (shown to tag);
            # the verdict follows the next press of "Check".
            if 'id="uitslag"' not in response.text and "data-media" not in response.text:
                response.failure(f"no verdict or photo on the page: {response.status_code}")
