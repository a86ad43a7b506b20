from __future__ import annotations

from collections.abc import Callable

from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient

WILLIBRORD = "willibrord-miland-2023"
ROERMOND = "praktijkonderwijs-roermond-2015"


def test_the_list_has_each_builtin_protocol_once_with_its_version(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    page = api_as(personas.student).get("/protocols").json()

    assert [(p["id"], p["version"], p["builtin"]) for p in page["items"]] == [
        (ROERMOND, "2015", True), (WILLIBRORD, "2023-2024", True)]


def test_a_protocol_comes_with_its_articles_verbatim(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    protocol = api_as(personas.parent).get(f"/protocols/{WILLIBRORD}").json()

    assert protocol["title"] == "Protocol Sociale Media voor volwassenen"
    assert protocol["schooljaar"] == "2023-2024"
    a5 = next(article for article in protocol["articles"] if article["id"] == "A.5")
    assert a5["text"].startswith("Het is voor medewerkers en leerlingen niet toegestaan")
    assert a5["kind"] == "normative"


def test_one_article_can_be_read_on_its_own(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(school=personas.other_school, role="communicatie")
    protocol = api.get(f"/protocols/{WILLIBRORD}").json()

    article = api.get(f"/protocols/{WILLIBRORD}/articles/A.5").json()

    assert article == next(a for a in protocol["articles"] if a["id"] == "A.5")


def test_an_unknown_protocol_or_article_is_a_json_404(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.teacher)

    for path in ("/protocols/bestaat-niet", f"/protocols/{WILLIBRORD}/articles/Z.99"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"]
