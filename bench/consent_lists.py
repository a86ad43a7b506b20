"""How the class list scales: one class of 30 on the page, against the whole school.

Builds a synthetic school (fixed seed, names from schools/demo.py) of 2,000 students in
groups of 30, each with a guardian and a few decisions, in a throw-away SQLite database.
Figures: p95 of ``GET /toestemming/groepen/<id>/`` for a class of 30 (Django's test client,
signed in as the schoolleider with two-factor done), and p95 of ``class_list()`` for the
whole school. Baseline: the class page. ``class_list`` runs two queries for decisions and
purposes however long the list, so the school should cost about its size in students
(x67), not more; the per-student figure shows whether it does.
"""

from __future__ import annotations

import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

STUDENTS = 2_000
GROUP_SIZE = 30
DECISIONS_EACH = 3
PAGE_RUNS = 50
SCHOOL_RUNS = 10
SEED = 2026


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def timed(run, times: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as data_dir:
        # Before django.setup(): settings read the data directory once.
        # Production settings (no DEBUG query log), with a throw-away key.
        os.environ.update({"PW_DATA_DIR": data_dir, "PW_DEBUG": "false",
                           "PW_SECRET_KEY": secrets.token_urlsafe(50),
                           "PW_SECURE_COOKIES": "false", "PW_SSL_REDIRECT": "false"})
        os.environ.pop("PW_DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")
        import django

        django.setup()
        run(data_dir)


def run(data_dir: str) -> None:
    import datetime

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from protocolwijzer.accounts.models import User
    from protocolwijzer.consent.actions import do_set_up_consent
    from protocolwijzer.consent.lists import class_list
    from protocolwijzer.consent.models import ConsentText, Decision
    from protocolwijzer.schools.demo import ADULT_FIRST_NAMES, CHILD_FIRST_NAMES, SURNAMES
    from protocolwijzer.schools.models import Group, Person, School, Stichting

    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS), mail stays local
    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    start = time.perf_counter()
    stichting = Stichting.objects.create(name="Stichting Benchmark")
    school = School.objects.create(stichting=stichting, name="Benchmarkcollege",
                                   slug="benchmarkcollege")
    purposes = do_set_up_consent(school, opt_out=("schoolwebsite",))
    text = ConsentText.objects.get(school=school)
    groups = Group.objects.bulk_create(
        Group(school=school, name=f"Klas {n + 1:02d}")
        for n in range(-(-STUDENTS // GROUP_SIZE)))
    today = timezone.localdate()

    def person(first: tuple[str, ...], role: str, **extra):  # type: ignore[no-untyped-def]
        tussenvoegsel, last = rng.choice(SURNAMES)
        return Person(school=school, first_name=rng.choice(first), tussenvoegsel=tussenvoegsel,
                      last_name=last, role=role, **extra)

    students = Person.objects.bulk_create(
        person(CHILD_FIRST_NAMES, Person.Role.LEERLING, group=groups[n // GROUP_SIZE],
               student_number=f"{n:06d}",
               date_of_birth=today - datetime.timedelta(days=rng.randrange(11 * 365, 18 * 365)))
        for n in range(STUDENTS))
    guardians = Person.objects.bulk_create(person(ADULT_FIRST_NAMES, Person.Role.OUDER)
                                           for _ in students)
    Person.children.through.objects.bulk_create(
        Person.children.through(from_person_id=g.pk, to_person_id=s.pk)
        for g, s in zip(guardians, students, strict=True))
    now = timezone.now()
    Decision.objects.bulk_create(
        Decision(student=s, purpose=rng.choice(purposes), choice=rng.choice(["given", "refused"]),
                 decided_by=g, how="guardian_page", text=text,
                 decided_at=now - datetime.timedelta(days=rng.randrange(1, 400)))
        for s, g in zip(students, guardians, strict=True) for _ in range(DECISIONS_EACH))
    leider_user = User.objects.create_user("leiding@benchmarkcollege.example", None,
                                           name="Saskia Leiding")
    Person.objects.create(school=school, first_name="Saskia", last_name="Leiding",
                          role=Person.Role.SCHOOLLEIDING, user=leider_user)
    built = time.perf_counter() - start
    print(f"consent_lists: {STUDENTS:,} students in {len(groups)} groups of {GROUP_SIZE}, "
          f"{STUDENTS * DECISIONS_EACH:,} decisions, {len(purposes)} purposes (seed {SEED}; "
          f"built in {built:.1f} s, SQLite in {Path(data_dir).name})",
          flush=True)

    client = Client()
    client.force_login(leider_user)
    # The schoolleider signs in with two factors; the session says the code was entered.
    device = TOTPDevice.objects.create(user=leider_user, name="Bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    group = groups[len(groups) // 2]
    url = f"/toestemming/groepen/{group.pk}/"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.content.count(b"<tr>") == GROUP_SIZE + 1

    def get_page() -> None:
        client.get(url)

    page = timed(get_page, PAGE_RUNS)
    pdf_url = f"{url}lijst.pdf"
    assert client.get(pdf_url)["Content-Type"] == "application/pdf"
    pdf = timed(lambda: client.get(pdf_url), PAGE_RUNS)
    class_students = Person.objects.filter(group=group, role=Person.Role.LEERLING,
                                           is_active=True)
    one_class = timed(lambda: class_list(class_students, today), PAGE_RUNS)
    all_students = Person.objects.filter(school=school, role=Person.Role.LEERLING,
                                         is_active=True)
    assert len(class_list(all_students, today).rows) == STUDENTS
    whole = timed(lambda: class_list(all_students, today), SCHOOL_RUNS)
    connection.close()

    ratio_students = STUDENTS / GROUP_SIZE
    print(f"  GET {url} (class of {GROUP_SIZE}, {PAGE_RUNS} requests): "
          f"p95 {p95(page):.1f} ms")
    print(f"  GET {pdf_url} (the same class printed): p95 {p95(pdf):.1f} ms")
    print(f"  class_list() for the class ({PAGE_RUNS} runs): p95 {p95(one_class):.1f} ms")
    print(f"  class_list() for the school of {STUDENTS:,} ({SCHOOL_RUNS} runs): "
          f"p95 {p95(whole):.0f} ms ({p95(whole) * 1000 / STUDENTS:.0f} µs per student)")
    print(f"  ratio school/class page: {p95(whole) / p95(page):.1f}x; "
          f"school/class class_list(): {p95(whole) / p95(one_class):.1f}x "
          f"for {ratio_students:.0f}x the students")


if __name__ == "__main__":
    main()
