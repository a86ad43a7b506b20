from pathlib import Path

import pytest

from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import builtin_protocol_paths, load_protocol
from protocolwijzer.protocols.actions import do_import_protocol, do_load_builtin_protocols
from protocolwijzer.protocols.models import Article, ProtocolVersion

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"


def _text(protocol_id: str) -> str:
    return builtin_protocol_paths()[protocol_id].read_text(encoding="utf-8")


def _counts() -> tuple[int, int]:
    return ProtocolVersion.objects.count(), Article.objects.count()


@pytest.mark.django_db
def test_loading_the_builtin_protocols_stores_both_with_all_their_articles() -> None:
    versions = {version.protocol_id: version for version in do_load_builtin_protocols()}

    assert set(versions) == {ROERMOND, WILLIBRORD}
    assert versions[ROERMOND].articles.count() == 26
    assert versions[WILLIBRORD].articles.count() == 32
    for protocol_id, version in versions.items():
        engine = load_protocol(builtin_protocol_paths()[protocol_id])
        stored = list(version.articles.order_by("order"))
        assert [a.article_id for a in stored] == [a.id for a in engine.iter_articles()]
        assert [a.text for a in stored] == [a.text for a in engine.iter_articles()]
        assert version.is_builtin
        assert version.sha256 == engine.sha256


@pytest.mark.django_db
def test_articles_keep_their_kind_section_and_both_summaries(
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    article = builtin_versions[WILLIBRORD].articles.get(article_id="A.5")

    assert article.kind == Article.Kind.NORMATIVE
    assert article.section_id == "A"
    assert article.section_title.startswith("Sociale media in de school")
    assert article.summary_nl.startswith("Zet geen foto's")
    assert article.summary_en.startswith("Do not post photos")
    assert builtin_versions[ROERMOND].articles.get(article_id="overige.1").kind == "procedural"


@pytest.mark.django_db
def test_importing_the_same_protocol_twice_creates_nothing_new() -> None:
    first = {v.protocol_id: v.pk for v in do_load_builtin_protocols()}
    counts = _counts()

    second = {v.protocol_id: v.pk for v in do_load_builtin_protocols()}
    from_text = do_import_protocol(_text(WILLIBRORD))

    assert second == first
    assert from_text.pk == first[WILLIBRORD]
    assert _counts() == counts


@pytest.mark.django_db
def test_a_path_and_its_text_are_the_same_version() -> None:
    from_path = do_import_protocol(Path(builtin_protocol_paths()[ROERMOND]))
    from_text = do_import_protocol(_text(ROERMOND).encode("utf-8"))

    assert from_path.pk == from_text.pk
    assert not from_path.is_builtin


@pytest.mark.django_db
def test_a_broken_protocol_raises_and_changes_nothing(
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    counts = _counts()
    broken = _text(WILLIBRORD).replace("kind: informative", "kind: optional", 1)

    with pytest.raises(ProtocolError) as raised:
        do_import_protocol(broken)

    assert any("kind" in problem.field for problem in raised.value.problems)
    assert _counts() == counts


@pytest.mark.django_db
def test_a_protocol_file_that_is_not_yaml_raises_and_changes_nothing() -> None:
    with pytest.raises(ProtocolError):
        do_import_protocol("format: protocolwijzer/1\nid: [unclosed\n")

    assert _counts() == (0, 0)


@pytest.mark.django_db
def test_a_changed_text_becomes_the_new_current_version(
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    changed = _text(ROERMOND).replace('version: "2015"', 'version: "2016"', 1)

    new = do_import_protocol(changed)

    assert new.pk != builtin_versions[ROERMOND].pk
    assert new.version == "2016"
    assert ProtocolVersion.objects.current(ROERMOND) == new
    assert ProtocolVersion.objects.filter(protocol_id=ROERMOND).count() == 2


@pytest.mark.django_db
def test_the_engine_protocol_is_read_from_the_stored_text(
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    version = ProtocolVersion.objects.get(pk=builtin_versions[ROERMOND].pk)

    protocol = version.engine_protocol()

    assert protocol.id == ROERMOND
    assert protocol.sha256 == version.sha256
    assert version.engine_protocol() is protocol
    assert len(protocol.rules_for_article("A.5")) >= 1
