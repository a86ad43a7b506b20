import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from protocolwijzer.protocols.actions import do_import_protocol
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import School, Stichting

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"


def _page(client: Client, protocol_id: str, **params: str) -> str:
    response = client.get(reverse("protocols:detail", args=[protocol_id]), params)
    assert response.status_code == 200
    return response.content.decode()


def _shows_article(page: str, article_id: str) -> bool:
    return f'id="artikel-{article_id}"' in page


@pytest.mark.parametrize("protocol_id", [ROERMOND, WILLIBRORD])
def test_the_protocol_page_shows_every_article_with_its_verbatim_text_and_summary(
        client: Client, builtin_versions: dict[str, ProtocolVersion], protocol_id: str) -> None:
    page = _page(client, protocol_id)

    for article in builtin_versions[protocol_id].articles.all():
        assert _shows_article(page, article.article_id), article.article_id
        assert escape(article.text) in page, article.article_id
        assert escape(article.summary_nl) in page, article.article_id


def test_article_a5_of_both_protocols_is_shown_verbatim(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    roermond = _page(client, ROERMOND)
    willibrord = _page(client, WILLIBRORD)

    assert escape("Het is voor betrokkenen niet toegestaan om foto-, film- en "
                  "geluidsopnamen van schoolgerelateerde situaties") in roermond
    assert escape("Het is voor medewerkers en leerlingen niet toegestaan om foto-, film- en "
                  "geluidsopnamen") in willibrord
    assert 'href="#artikel-A.5"' in roermond


def test_the_protocol_page_shows_who_established_it_and_who_agreed(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    page = _page(client, ROERMOND)

    assert "Bestuur, 2015-06" in page
    assert "(MR), 2015-09" in page
    assert "overige.1" in page
    assert "Stichting Praktijkonderwijs Roermond e.o." in page


def test_searching_vrienden_in_willibrord_shows_only_the_friendship_articles(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    page = _page(client, WILLIBRORD, q="vrienden")

    assert _shows_article(page, "A.6")
    assert _shows_article(page, "A.12")
    assert not _shows_article(page, "A.1")
    assert not _shows_article(page, "A.5")


def test_searching_an_article_number_finds_that_article(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    page = _page(client, ROERMOND, q="C.4")

    assert _shows_article(page, "C.4")
    assert not _shows_article(page, "A.5")


def test_a_search_that_matches_nothing_shows_no_articles(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    page = _page(client, ROERMOND, q="zeilboot")

    assert "artikel-" not in page.replace('href="#artikel-', "")


def test_an_unknown_protocol_id_is_not_found(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    response = client.get(reverse("protocols:detail", args=["bestaat-niet"]))

    assert response.status_code == 404


def test_the_protocol_page_shows_the_latest_version(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    old_text = builtin_versions[ROERMOND].source_yaml
    do_import_protocol(old_text.replace('version: "2015"', 'version: "2016"', 1))

    page = _page(client, ROERMOND)

    assert "2016" in page


def test_the_protocol_list_shows_each_version_with_its_articles_and_schools(
        client: Client, builtin_versions: dict[str, ProtocolVersion]) -> None:
    stichting = Stichting.objects.create(name="Stichting Test")
    School.objects.create(stichting=stichting, name="School Aan Zee", slug="school-aan-zee",
                          protocol=builtin_versions[WILLIBRORD])

    response = client.get(reverse("protocols:list"))
    page = response.content.decode()

    assert response.status_code == 200
    assert reverse("protocols:detail", args=[ROERMOND]) in page
    assert reverse("protocols:detail", args=[WILLIBRORD]) in page
    assert "<dd>26</dd>" in page
    assert "<dd>32</dd>" in page
    assert "School Aan Zee" in page
