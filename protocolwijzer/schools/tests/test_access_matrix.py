"""The role × object matrix: the exact status of every protected page for every role.

Read a row as "what this persona gets". 404 means "does not exist as far as you can
tell": an object of a school the persona does not act for is never revealed by its id.
403 means the object is in the persona's own school but the role lacks the right, or, for
staff, the group is not one they are linked to (teacher and mentor are linked to 1A, not to
1B). The anonymous visitor is sent to the sign-in page (302) for every one of them.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.schools.tests.personas import Personas, sign_in

# schl  /school/ (Mijn school)            log   /beheer-log/
# 1A    the group page of 1A at De Maas     1B    the group page of 1B
# grpZ  a group of De Wilgenhoek (another stichting)
# self  the persona's own person page
# stud  Sem, student in 1A, child of the persona "parent"
# mate  Noor, Sem's classmate in 1A         st1B  Finn, student in 1B
# par   Petra, Sem's parent                 p1B   Finn's parent
# coll  a staff member (medewerker)         beek  a student of De Beek (same stichting)
# wilg  a student of De Wilgenhoek          inv   the page to invite Noor
# invZ  the page to invite the student of De Wilgenhoek
# -     the persona has no such page (a beheerder has no Person of their own)
MATRIX_TABLE = """
persona       schl log  1A   1B   grpZ self stud mate st1B par  p1B  coll beek wilg inv  invZ
beheerder     200  200  200  200  404  -    200  200  200  200  200  200  200  404  200  404
schoolleider  200  200  200  200  404  200  200  200  200  200  200  200  404  404  200  404
communicatie  200  403  200  200  404  200  200  200  200  200  200  200  404  404  403  404
teacher       200  403  200  403  404  200  200  200  403  403  403  200  404  404  403  404
mentor        200  403  200  403  404  200  200  200  403  200  403  200  404  404  403  404
mr_lid        200  403  403  403  404  200  403  403  403  403  403  403  404  404  403  404
student       200  403  403  403  404  200  200  403  403  403  403  403  404  404  403  404
parent        200  403  403  403  404  200  200  403  403  200  403  403  404  404  403  404
other_teacher 200  403  404  404  200  200  404  404  404  404  404  404  404  200  404  403
unlinked      403  403  403  403  403  -    403  403  403  403  403  403  403  403  403  403
anonymous     302  302  302  302  302  -    302  302  302  302  302  302  302  302  302  302
"""


def _parse(table: str) -> tuple[list[str], dict[str, list[int | None]]]:
    header, *rows = table.strip().splitlines()
    columns = header.split()[1:]
    matrix = {}
    for row in rows:
        persona, *cells = row.split()
        matrix[persona] = [None if cell == "-" else int(cell) for cell in cells]
    return columns, matrix


COLUMNS, MATRIX = _parse(MATRIX_TABLE)


def _urls(p: Personas, persona: str) -> dict[str, str | None]:
    def person(target: object) -> str:
        return reverse("schools:person", args=[target.pk])  # type: ignore[attr-defined]

    own = getattr(p, persona, None)
    return {
        "schl": reverse("schools:my_school"),
        "log": reverse("audit:log"),
        "1A": reverse("schools:group", args=[p.group_1a.pk]),
        "1B": reverse("schools:group", args=[p.group_1b.pk]),
        "grpZ": reverse("schools:group", args=[p.other_group.pk]),
        "self": person(own) if own is not None and hasattr(own, "school") else None,
        "stud": person(p.student),
        "mate": person(p.classmate),
        "st1B": person(p.student_1b),
        "par": person(p.parent),
        "p1B": person(p.parent_1b),
        "coll": person(p.colleague),
        "beek": person(p.sister_student),
        "wilg": person(p.other_student),
        "inv": reverse("schools:person_invite", args=[p.classmate.pk]),
        "invZ": reverse("schools:person_invite", args=[p.other_student.pk]),
    }


@pytest.mark.parametrize("persona", list(MATRIX))
def test_each_role_gets_exactly_the_status_of_the_matrix(
        client: Client, personas: Personas, persona: str) -> None:
    if persona != "anonymous":
        sign_in(client, personas.user(persona))
    urls = _urls(personas, persona)

    actual = {column: client.get(urls[column]).status_code if urls[column] else None
              for column in COLUMNS}

    assert actual == dict(zip(COLUMNS, MATRIX[persona], strict=True))


def test_the_anonymous_visitor_is_sent_to_the_sign_in_page_and_back(
        client: Client, personas: Personas) -> None:
    url = reverse("schools:person", args=[personas.classmate.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_an_id_that_does_not_exist_looks_like_another_schools_person(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))
    missing = reverse("schools:person", args=[personas.other_student.pk + 1000])
    elsewhere = reverse("schools:person", args=[personas.other_student.pk])

    assert client.get(missing).status_code == client.get(elsewhere).status_code == 404
