"""The generated role × route × method matrix.

Every URL pattern of the URLconf (the Django admin excepted, see route_matrix.py) and
every path of the OpenAPI document is requested by every role, with GET and POST, for
each target (own group, a group the mentor is not linked to, another school's object),
and the status must be the one in ``route_matrix.txt``. A route without a row fails with
its name and the row the code gives today, ready to check and paste.

Pages are requested with a signed-in session (two-factor done where the role needs it),
the API with a token of the persona's account (``anonymous`` is no session / no token).
"""

from __future__ import annotations

import functools
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from protocolwijzer.accounts.models import User
from protocolwijzer.api.actions import do_create_token
from protocolwijzer.api.api import api
from protocolwijzer.api.models import Scope
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.models import PaperForm
from protocolwijzer.engine.protocol import builtin_protocol
from protocolwijzer.media.tests.factories import matrix_items
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.publications.actions import do_log_publication
from protocolwijzer.schools.models import School
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in
from protocolwijzer.tests.route_matrix import (
    ROLES,
    TABLE_FILE,
    Key,
    Route,
    api_operations,
    format_row,
    keys_of,
    page_routes,
    read_table,
)

OWN_PROTOCOL = "willibrord-miland-2023"  # De Maas follows it
OTHER_PROTOCOL = "praktijkonderwijs-roermond-2015"  # De Wilgenhoek follows it

# The persona behind each column of the table.
PERSONA_OF_ROLE = {"beheerder": "beheerder", "schoolleiding": "schoolleider",
                   "communicatie": "communicatie", "medewerker": "teacher",
                   "mentor": "mentor", "mr_lid": "mr_lid", "leerling": "student",
                   "ouder": "parent", "unlinked": "unlinked", "anonymous": None}


def parameters(p: Personas | None) -> dict[str, dict[str, str]]:
    """Per path parameter, its value per target. A new parameter name needs an entry
    here (the test says which). With ``p`` None only the targets matter."""

    def pk(name: str) -> str:
        return str(getattr(p, name).pk) if p is not None else ""

    def paper_form(name: str) -> str:
        # The world fixture keeps a scanned paper form for each of these students.
        if p is None:
            return ""
        return str(PaperForm.objects.filter(student=getattr(p, name)).values_list(
            "pk", flat=True).get())

    own_article = next(builtin_protocol(OWN_PROTOCOL).iter_articles()).id
    other_article = next(builtin_protocol(OTHER_PROTOCOL).iter_articles()).id
    return {
        "group_id": {"own": pk("group_1a"), "unlinked": pk("group_1b"),
                     "elsewhere": pk("other_group")},
        "person_id": {"own": pk("student"), "unlinked": pk("student_1b"),
                      "elsewhere": pk("other_student")},
        "student_id": {"own": pk("student"), "unlinked": pk("student_1b"),
                       "elsewhere": pk("other_student")},
        # De Wilgenhoek has no guardian among the personas: one of its people stands in.
        "guardian_id": {"own": pk("parent"), "unlinked": pk("parent_1b"),
                        "elsewhere": pk("other_student")},
        "school_id": {"own": pk("school"), "unlinked": pk("sister_school"),
                      "elsewhere": pk("other_school")},
        "protocol_id": {"own": OWN_PROTOCOL, "elsewhere": OTHER_PROTOCOL},
        "article_id": {"own": own_article, "elsewhere": other_article},
        "form_id": {"own": paper_form("student"), "unlinked": paper_form("student_1b"),
                    "elsewhere": paper_form("other_student")},
        # A publication (and its take-down task) the mentor logged of Sem, one
        # communicatie logged of Finn (1B), and one of De Wilgenhoek (see world()).
        "publication_id": {"own": pk("publication"), "unlinked": pk("publication_1b"),
                           "elsewhere": pk("other_publication")},
        "task_id": {"own": pk("task"), "unlinked": pk("task_1b"),
                    "elsewhere": pk("other_task")},
        # A photo of the checker uploaded by the mentor (own), by the communications lead
        # (unlinked: not the mentor's or medewerker's own), at De Wilgenhoek (elsewhere).
        "item_id": {target: str(getattr(p, "media_items", {}).get(target, ""))
                    for target in ("own", "unlinked", "elsewhere")},
        # A case about Sem handled by his mentor (own), one about Finn (1B) handled by the
        # schoolleider (unlinked), one at De Wilgenhoek (elsewhere), each with a screenshot
        # (see _cases()).
        "case_id": {"own": pk("case"), "unlinked": pk("case_1b"),
                    "elsewhere": pk("other_case")},
        "evidence_id": {"own": pk("evidence"), "unlinked": pk("evidence_1b"),
                        "elsewhere": pk("other_evidence")},
        # The public report form of De Maas (own), of De Wilgenhoek (elsewhere), and of a
        # school that does not exist (bogus).
        "school_slug": {"own": p.school.slug if p is not None else "",
                        "elsewhere": p.other_school.slug if p is not None else "",
                        "bogus": "bestaat-niet"},
        # A question of the mentor to the schoolleider (own), of the medewerker to the
        # schoolleider (unlinked), one at De Wilgenhoek (elsewhere); see _questions().
        "question_id": {"own": pk("question"), "unlinked": pk("question_1b"),
                        "elsewhere": pk("other_question")},
        # A version of De Maas's protocol submitted to its MR (own), and one of De
        # Wilgenhoek (elsewhere); see _adoptions().
        "pk": {"own": pk("adoption"), "elsewhere": pk("other_adoption")},
        "token": {"bogus": "nooit-uitgegeven-sleutel"},
        "uidb64": {"bogus": "MTIzNDU2"},
        "rest": {"bogus": "bestaat-niet"},
    }


def _document() -> dict[str, Any]:
    # The generator behind /api/v1/openapi.json, so exactly the operations it documents.
    return api.get_openapi_schema()


@functools.cache
def all_routes() -> list[Route]:
    operations = api_operations(_document())
    return page_routes({r.path for r in operations}) + operations


def _keys(routes: list[Route]) -> tuple[dict[Key, Route], list[str]]:
    targets = {name: tuple(values) for name, values in parameters(None).items()}
    keys: dict[Key, Route] = {}
    unknown = []
    for route in routes:
        try:
            for key in keys_of(route, targets):
                keys[key] = route
        except KeyError as missing:
            unknown.append(f"{route.key_route}: path parameter {missing} has no values; add "
                           f"it to parameters() in {__name__}")
    return keys, unknown


def test_every_route_and_api_operation_has_a_row_in_the_table() -> None:
    keys, unknown = _keys(all_routes())
    table = read_table()

    missing = sorted(k for k in keys if k not in table)
    stale = sorted(k for k in table if k not in keys)

    assert not unknown, "\n".join(unknown)
    assert not missing, (
        f"These routes have no row in {TABLE_FILE}; add one per line (the statuses per "
        f"role: {' '.join(ROLES)}), running test_route_matrix.py shows what they answer "
        f"now:\n" + "\n".join(str(k) for k in missing))
    assert not stale, (f"These rows of {TABLE_FILE} match no route (renamed or removed?):\n"
                       + "\n".join(str(k) for k in stale))


def test_the_table_covers_a_mentor_of_1a_against_1b() -> None:
    table = read_table()

    for route in ("schools:group", "consent:group_list", "consent:group_list_csv",
                  "consent:group_list_pdf", "consent:group_list_xlsx",
                  "/api/v1/groups/{group_id}"):
        assert table[Key(route, "GET", "unlinked")]["mentor"] == 403, route
        assert table[Key(route, "GET", "own")]["mentor"] == 200, route


def _adoptions(p: Personas) -> None:
    from protocolwijzer.protocols.lifecycle import do_copy_protocol, do_submit

    for name, school in (("adoption", p.school), ("other_adoption", p.other_school)):
        school.refresh_from_db()
        adoption = do_copy_protocol(school, school.protocol, by=None)
        do_submit(adoption, ["MR"], on=date(2026, 9, 1), by=None)
        setattr(p, name, adoption)


@pytest.fixture
def world(db: None, settings: Any, tmp_path: Path) -> Personas:
    cache.clear()  # refusal counts from other tests
    settings.MEDIA_ROOT = str(tmp_path / "private")
    p = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=p.school.pk).update(protocol=versions[OWN_PROTOCOL])
    School.objects.filter(pk=p.other_school.pk).update(protocol=versions[OTHER_PROTOCOL])
    do_set_up_consent(p.school)
    for student, signer in ((p.student, p.parent), (p.student_1b, p.parent_1b),
                            (p.other_student, p.other_student)):
        form = PaperForm(student=student, signed_by=signer, form_dated=date(2026, 9, 1),
                         scan_type="application/pdf")
        form.scan.save("scan", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        form.save()
    _publications(p)
    _cases(p)
    _questions(p)
    _adoptions(p)
    # Every role posts to the public report form once per school: no burst to refuse.
    settings.PW_PUBLIC_REPORTS_PER_HOUR = settings.PW_PUBLIC_REPORTS_PER_SCHOOL_PER_HOUR = 1000
    p.media_items = matrix_items(p)  # type: ignore[attr-defined]
    return p


def _publications(p: Personas) -> None:
    """Three publications, each with a take-down task: logged without consent, so each
    pupil on it gets one at once."""
    do_set_up_consent(p.other_school)
    for name, school, by, student in (
            ("publication", p.school, p.mentor, p.student),
            ("publication_1b", p.school, p.communicatie, p.student_1b),
            ("other_publication", p.other_school, p.other_teacher, p.other_student)):
        publication = do_log_publication(
            school=school, by=by.user, channel="instagram", link="", students=[student],
            published_at=timezone.now(), description="Sportdag")
        setattr(p, name, publication)
        setattr(p, name.replace("publication", "task"), publication.takedown_tasks.get())


def _cases(p: Personas) -> None:
    """Three reports, each opened as a case with a screenshot as evidence."""
    import hashlib

    from protocolwijzer.incidents.actions import do_open_case
    from protocolwijzer.incidents.models import Evidence, Report
    from protocolwijzer.media.models import private_storage

    for name, school, reporter, involved in (
            ("case", p.school, p.parent, p.student),
            ("case_1b", p.school, None, p.student_1b),
            ("other_case", p.other_school, None, p.other_student)):
        report = Report.objects.create(school=school, reporter=reporter,
                                       channel="account" if reporter else "public",
                                       description="Een filmpje van de les op TikTok.")
        report.involved.set([involved])
        content = b"%PDF-1.4\n%%EOF\n"
        stored = private_storage().save(f"incidents/{name}.pdf", ContentFile(content))
        evidence = Evidence.objects.create(
            report=report, name=stored, original_name="scherm.pdf", kind="pdf",
            format="pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest())
        setattr(p, name, do_open_case(report, reporter.user if reporter else None))
        setattr(p, name.replace("case", "evidence"), evidence)


def _questions(p: Personas) -> None:
    """Three twijfel questions, each from a staff member to a leidinggevende."""
    from protocolwijzer.incidents.models import Question

    for name, asker, to in (("question", p.mentor, p.schoolleider),
                            ("question_1b", p.teacher, p.schoolleider),
                            ("other_question", p.other_teacher, p.other_teacher)):
        setattr(p, name, Question.objects.create(school_id=asker.school_id, asked_by=asker,
                                                 to=to, kind="doubt", article="B.4"))


def _url(route: Route, key: Key, values: dict[str, dict[str, str]]) -> str:
    url = route.path
    for name in route.parameters:
        url = url.replace("{" + name + "}", values[name][key.target])
    return url


def _request(client: Client, method: str, url: str) -> int:
    if method == "GET":
        return client.get(url).status_code
    return client.generic(method, url, b"", content_type="application/json"
                          if url.startswith("/api/") else
                          "application/x-www-form-urlencoded").status_code


def _observe(world: Personas, routes: list[Route]) -> dict[Key, dict[str, int]]:
    keys, unknown = _keys(routes)
    assert not unknown, "\n".join(unknown)
    values = parameters(world)
    observed: dict[Key, dict[str, int]] = {key: {} for key in keys}
    for role in ROLES:
        name = PERSONA_OF_ROLE[role]
        user: User | None = world.user(name) if name else None
        pages = Client()
        raw = None
        if user is not None:
            sign_in(pages, user)
            # Every scope: the table is about what each role may do; scopes are tested
            # on their own (api/tests/test_tokens_have_scopes_and_expire.py).
            raw = do_create_token(name="matrix", user=user, scopes=Scope.values)[1]
        api_client = Client(headers={"Authorization": f"Bearer {raw}"} if raw else {})
        for key, route in keys.items():
            client = api_client if route.is_api else pages
            observed[key][role] = _request(client, key.method, _url(route, key, values))
            if user is not None and not route.is_api and key.method != "GET" \
                    and not pages.cookies[settings.SESSION_COOKIE_NAME].value:
                sign_in(pages, user)  # signed out by the request (uitloggen)
    return observed


def _compare(observed: dict[Key, dict[str, int]]) -> None:
    dump = os.environ.get("PW_ROUTE_MATRIX_DUMP")
    if dump:  # the rows as the code answers today, to review and copy into the table
        with Path(dump).open("a", encoding="utf-8") as out:
            out.writelines(format_row(key, observed[key]) + "\n" for key in sorted(observed))
    table = read_table()
    problems = []
    for key in sorted(observed):
        expected = table.get(key)
        if expected is None:
            problems.append(f"no row for {key}; it answers:\n  {format_row(key, observed[key])}")
        elif expected != observed[key]:
            wrong = ", ".join(f"{role} {observed[key][role]} (table: {expected[role]})"
                              for role in ROLES if expected[role] != observed[key][role])
            problems.append(f"{key}: {wrong}\n  now: {format_row(key, observed[key])}")
    assert not problems, f"{len(problems)} rows differ from {TABLE_FILE}:\n" + "\n".join(
        problems)


def test_every_route_answers_every_role_as_the_table_says(world: Personas) -> None:
    # One pass over pages and API with one set of personas: the whole matrix is about
    # 1,700 requests, so it is kept to one setup.
    _compare(_observe(world, all_routes()))
