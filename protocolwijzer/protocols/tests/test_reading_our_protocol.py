"""A member reads the protocol in force at their school: what it means for their role,
in plain words, with the exact text one click away; and the whole protocol, searchable."""

import re

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.protocols.tests.conftest import ROERMOND
from protocolwijzer.schools.tests.personas import Personas, sign_in

URL = reverse("protocols:mine")


def _page(client: Client, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def _shows_article(page: str, article_id: str) -> bool:
    return f'id="artikel-{article_id}"' in page


def test_a_student_sees_the_plain_summaries_of_what_applies_to_students(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.student.user)

    page = _page(client)

    roermond = builtin_versions[ROERMOND]
    for article_id in ("A.1", "A.5", "A.6", "sancties.B.1"):
        article = roermond.articles.get(article_id=article_id)
        assert _shows_article(page, article_id), article_id
        assert escape(article.summary_nl) in page, article_id
    # Articles only for staff are not what this protocol means for a student.
    for article_id in ("B.1", "C.3", "C.4", "sancties.A.1", "sancties.A.2"):
        assert not _shows_article(page, article_id), article_id


def test_the_exact_text_of_an_article_is_one_click_away(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.student.user)

    page = _page(client)

    a5 = builtin_versions[ROERMOND].articles.get(article_id="A.5")
    block = page[page.index('id="artikel-A.5"'):]
    block = block[:block.index("</article>")]
    assert "<details" in block
    assert escape(a5.text) in block


def test_a_teacher_sees_the_articles_for_staff(client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)

    page = _page(client)

    for article_id in ("A.1", "A.5", "C.3", "C.4", "sancties.A.1"):
        assert _shows_article(page, article_id), article_id
    assert not _shows_article(page, "sancties.B.1")


def test_the_whole_protocol_tab_shows_every_article(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.student.user)

    page = _page(client, weergave="alles")

    for article in builtin_versions[ROERMOND].articles.all():
        assert _shows_article(page, article.article_id), article.article_id


def test_searching_finds_only_matching_articles_on_both_tabs(
        client: Client, members: Personas) -> None:
    sign_in(client, members.student.user)

    for tab in ("voor-mij", "alles"):
        page = _page(client, weergave=tab, q="foto")
        assert _shows_article(page, "A.5"), tab
        assert not _shows_article(page, "A.1"), tab
        # The search keeps the tab it was made on.
        assert f'name="weergave" value="{tab}"' in page


def test_a_member_of_a_school_without_a_protocol_is_told_so(
        client: Client, members: Personas) -> None:
    members.school.protocol = None
    members.school.save(update_fields=["protocol"])
    sign_in(client, members.student.user)

    page = _page(client)

    assert "artikel-" not in page


def test_an_account_without_a_school_cannot_open_the_reader(
        client: Client, members: Personas) -> None:
    sign_in(client, members.unlinked)

    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, members: Personas) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_a_beheerder_reads_the_protocol_of_each_of_their_schools_only(
        client: Client, members: Personas) -> None:
    sign_in(client, members.beheerder)

    own = _page(client, school=str(members.school.pk))
    sister = client.get(URL, {"school": members.sister_school.pk})
    other = client.get(URL, {"school": members.other_school.pk})

    assert _shows_article(own, "A.5")
    assert re.search(rf'<option value="{members.sister_school.pk}"', own)
    assert sister.status_code == 200 and "artikel-" not in sister.content.decode()
    assert other.status_code == 404
