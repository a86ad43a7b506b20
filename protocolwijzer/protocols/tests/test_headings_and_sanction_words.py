"""Reading the protocol (issue 14): article headings show a title in plain words, not
only an id such as "sancties.1"; a pupil reads the sanction words explained in B1, with
the possible measures mildest first."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths, localize
from protocolwijzer.schools.tests.personas import Personas, sign_in

READER = reverse("protocols:mine")


def heading(page: str, article_id: str) -> str:
    """The visible text of the article's heading."""
    anchor = f"artikel-{article_id}"
    match = re.search(rf'<h3 id="{re.escape(anchor)}-titel"[^>]*>(.*?)</h3>', page, re.S)
    assert match, article_id
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()))


@pytest.mark.parametrize("protocol_id", sorted(builtin_protocol_paths()))
def test_every_article_of_the_built_in_protocols_has_a_title_in_dutch_and_english(
        protocol_id: str):
    protocol = builtin_protocol(protocol_id)

    untitled = [a.id for a in protocol.iter_articles()
                if not isinstance(a.title, dict) or not a.title.get("nl")
                or not a.title.get("en")]

    assert untitled == []


def test_a_pupil_reads_headings_with_titles_and_the_sanction_words_explained(
        client: Client, members: Personas):
    sign_in(client, members.student.user)

    page = client.get(READER).content.decode()

    # De Maas follows Roermond: sancties.B.1 is the pupils' sanctions article.
    assert heading(page, "sancties.B.1") == "sancties.B.1 Leerlingendossier en maatregelen"
    assert heading(page, "A.5") == "A.5 Foto's, filmpjes en geluid van school"
    article = page[page.index('id="artikel-sancties.B.1"'):]
    article = article[:article.index("</article>")]
    assert "Mogelijke maatregelen, van licht naar zwaar:" in article
    steps = re.findall(r'<span class="ladder__name">([^<]+)</span>', article)
    assert steps[0] == "waarschuwing" and len(steps) >= 2
    assert "Uitleg:" in article and "leerlingendossier" in article
    assert "De map van de school met alles over jou als leerling." in article


def test_the_whole_protocol_and_the_public_page_show_titles_too(
        client: Client, members: Personas):
    sign_in(client, members.teacher.user)

    whole = client.get(READER + "?weergave=alles").content.decode()
    public = client.get(reverse("protocols:detail",
                                args=["willibrord-miland-2023"])).content.decode()

    assert heading(whole, "sancties.A.1") == "sancties.A.1 Plichtsverzuim en personeelsdossier"
    assert heading(public, "sancties.1") == "sancties.1 Plichtsverzuim en personeelsdossier"
    assert heading(public, "A.10") == "A.10 De lijst van wie niet online mag"


def test_titles_follow_the_language(client: Client, members: Personas):
    sign_in(client, members.student.user)
    client.post("/i18n/setlang/", {"language": "en", "next": READER})

    page = client.get(READER).content.decode()

    title = localize(builtin_protocol("praktijkonderwijs-roermond-2015")
                     .article("sancties.B.1").title, "en")
    assert heading(page, "sancties.B.1") == f"sancties.B.1 {title}"
