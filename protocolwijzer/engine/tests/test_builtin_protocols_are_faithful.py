"""The built-in protocol files carry the seed protocols word for word, with every article."""

from __future__ import annotations

import re

import pytest

from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths
from tests.scenario import SEEDS, needs_seeds

# The article ids of shared/seeds/README.md.
EXPECTED_IDS = {
    "praktijkonderwijs-roermond-2015": [
        *(f"uitgangspunten.{i}" for i in range(1, 6)), "doelgroep.1", "doelgroep.2",
        *(f"A.{i}" for i in range(1, 7)), "B.1", "B.2", "B.3",
        *(f"C.{i}" for i in range(1, 6)), "sancties.A.1", "sancties.A.2", "sancties.B.1",
        "sancties.B.2", "overige.1"],
    "willibrord-miland-2023": [
        *(f"uitgangspunten.{i}" for i in range(1, 6)), "doelgroep.1", "doelgroep.2",
        *(f"A.{i}" for i in range(1, 13)), *(f"B.{i}" for i in range(1, 5)),
        "C.1", "C.2", "C.3", *(f"sancties.{i}" for i in range(1, 7))],
}
INFORMATIVE = {"uitgangspunten.1", "uitgangspunten.2", "uitgangspunten.3", "uitgangspunten.4",
               "uitgangspunten.5", "A.3", "A.4"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_both_seed_protocols_are_built_in():
    assert set(builtin_protocol_paths()) == set(EXPECTED_IDS)


@pytest.mark.parametrize("protocol_id", sorted(EXPECTED_IDS))
def test_every_article_of_the_seed_is_present_in_reading_order(protocol_id):
    protocol = builtin_protocol(protocol_id)
    assert [a.id for a in protocol.iter_articles()] == EXPECTED_IDS[protocol_id]


@needs_seeds
@pytest.mark.parametrize("protocol_id", sorted(EXPECTED_IDS))
def test_every_article_is_verbatim_from_the_seed_text(protocol_id):
    seed = normalise((SEEDS / f"{protocol_id}.txt").read_text(encoding="utf-8"))
    protocol = builtin_protocol(protocol_id)
    position = 0
    for article in protocol.iter_articles():
        found = seed.find(normalise(article.text), position)
        assert found >= 0, f"{article.id} is not verbatim (or out of order) in the seed"
        position = found + len(article.text)


@needs_seeds
@pytest.mark.parametrize("protocol_id", sorted(EXPECTED_IDS))
def test_the_articles_together_cover_the_seeds_numbered_text(protocol_id):
    # Nothing between two articles of one section is lost: each article ends where the
    # next begins, apart from whitespace and the list numbers the extraction kept.
    seed = normalise((SEEDS / f"{protocol_id}.txt").read_text(encoding="utf-8"))
    protocol = builtin_protocol(protocol_id)
    for section in protocol.sections:
        for before, after in zip(section.articles, section.articles[1:], strict=False):
            end = seed.find(normalise(before.text)) + len(normalise(before.text))
            start = seed.find(normalise(after.text), end)
            gap = seed[end:start].strip()
            assert re.fullmatch(r"(\d+\.)?", gap), f"text lost between {before.id} and {after.id}"


@pytest.mark.parametrize("protocol_id", sorted(EXPECTED_IDS))
def test_informative_articles_are_marked_so_and_every_other_one_is_implemented(protocol_id):
    protocol = builtin_protocol(protocol_id)
    for article in protocol.iter_articles():
        if article.id in INFORMATIVE:
            assert article.kind == "informative", article.id
    # The loader refuses a normative article without a rule; this shows the files pass it.
    normative = [a for a in protocol.iter_articles() if a.kind == "normative"]
    assert len(normative) >= 15


@pytest.mark.parametrize("protocol_id", sorted(EXPECTED_IDS))
def test_every_article_has_a_plain_language_summary_in_dutch_and_english(protocol_id):
    for article in builtin_protocol(protocol_id).iter_articles():
        assert isinstance(article.summary, dict), article.id
        assert article.summary["nl"] and article.summary["en"], article.id
