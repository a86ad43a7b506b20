"""Issue 16: `protocolwijzer protocols import FILE [-o OUT.yaml]` makes a protocol file from
a school's own document, articles verbatim with ids, rules proposed from the built-in
articles a text resembles.

The documents: both seed texts (read from shared/seeds, never copied), and three protocols
written for these tests in other styles (tests/data/protocol_documents: numbered points,
a table, questions and answers), each also as DOCX and PDF made by tests/protocol_documents.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protocolwijzer.engine.protocol import builtin_protocol, load_protocol
from tests.protocol_documents import (
    EXPECTED_IDS,
    NUMBERED,
    QUESTIONS,
    SEED_TEXTS,
    TABLE,
    write_all,
)
from tests.protocol_documents import expected_articles as _expected
from tests.scenario import WILLIBRORD, needs_seeds, photo, situation


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("documents"))


def _import(run, source: Path, out: Path):
    result = run("protocols", "import", str(source), "-o", str(out))
    assert result.code == 0, result.err
    return load_protocol(out)


def _articles(protocol) -> list[tuple[str, str]]:
    return [(a.id, a.text) for a in protocol.iter_articles()]


# -- the seeds ------------------------------------------------------------------------------

@needs_seeds
@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
@pytest.mark.parametrize("protocol_id", sorted(SEED_TEXTS))
def test_a_seed_imports_as_the_built_in_files_sections_and_articles(run, documents, tmp_path,
                                                                     protocol_id, suffix):
    imported = _import(run, documents[f"{protocol_id}{suffix}"], tmp_path / "out.yaml")
    built_in = builtin_protocol(protocol_id)

    assert _articles(imported) == _articles(built_in)
    assert [(s.id, s.title, s.intro) for s in imported.sections] == \
        [(s.id, s.title, s.intro) for s in built_in.sections]
    assert [a.kind for a in imported.iter_articles()] == \
        [a.kind for a in built_in.iter_articles()]


@needs_seeds
@pytest.mark.parametrize("protocol_id", sorted(SEED_TEXTS))
def test_a_seeds_proposed_rules_are_its_own_rules_marked_as_proposals(run, tmp_path,
                                                                       protocol_id):
    out = tmp_path / f"{protocol_id}.yaml"
    imported = _import(run, SEED_TEXTS[protocol_id], out)
    built_in = builtin_protocol(protocol_id)

    def content(models) -> list[str]:  # each rule or consequence whole, in any order
        return sorted(json.dumps(m.model_dump(mode="json", exclude={"proposed"}),
                                 sort_keys=True) for m in models)

    assert content(imported.model.rules) == content(built_in.model.rules)
    assert content(imported.model.consequences) == content(built_in.model.consequences)
    assert content(imported.model.scope) == content(built_in.model.scope)
    for rule in imported.model.rules:
        assert rule.proposed is not None
        assert rule.proposed.source == f"{protocol_id}#{rule.article}"
        assert rule.proposed.similarity == 1.0
    validated = run("protocols", "validate", str(out))
    assert validated.code == 0, validated.err


@needs_seeds
def test_a_check_through_an_imported_seed_decides_like_the_built_in_file(run, check,
                                                                          tmp_path):
    # Willibrord A.5: "Het is voor medewerkers en leerlingen niet toegestaan om foto-,
    # film- en geluidsopnamen ... op de sociale media te zetten tenzij betrokkenen hier
    # uitdrukkelijk toestemming voor plaatsing hebben gegeven;"
    out = tmp_path / "imported.yaml"
    _import(run, SEED_TEXTS[WILLIBRORD], out)
    posted = situation(WILLIBRORD, "staff", "publish", channel="instagram", account="personal",
                       post={"media": [photo("refused")]})

    imported = check(posted, "--protocol", str(out)).json
    built_in = check(posted).json

    assert imported["verdict"] == built_in["verdict"] == "forbidden"
    assert [f["article"] for f in imported["findings"]] == \
        [f["article"] for f in built_in["findings"]]


# -- three protocols in other styles --------------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
@pytest.mark.parametrize("stem", sorted(EXPECTED_IDS))
def test_a_protocol_in_another_style_yields_its_articles_verbatim(run, documents, tmp_path,
                                                                  stem, suffix):
    imported = _import(run, documents[f"{stem}{suffix}"], tmp_path / "out.yaml")

    assert [article_id for article_id, _text in _articles(imported)] == EXPECTED_IDS[stem]
    assert _articles(imported) == _expected(stem)


def test_the_numbered_protocols_headings_and_closing_lines_are_no_articles(run, tmp_path):
    imported = _import(run, NUMBERED, tmp_path / "out.yaml")

    assert [(s.id, s.title) for s in imported.sections] == [
        ("inleiding", "Inleiding"), ("art.1", "1. Algemeen"),
        ("art.2", "2. Foto's en video's"), ("art.3", "3. Contact via sociale media"),
        ("art.4", "4. Maatregelen"), ("slot", None)]
    assert imported.sections[-1].intro.startswith("Vastgesteld door het bestuur")
    assert imported.title == "Protocol sociale media en beeldmateriaal"
    assert imported.organisation == "OBS De Vlinderboom"


def test_an_article_close_to_a_known_one_gets_its_rules_as_a_proposal(run, tmp_path):
    # 2.6 follows Willibrord A.5 almost word for word; 1.3 resembles no known article.
    out = tmp_path / "vlinderboom.yaml"
    imported = _import(run, NUMBERED, out)
    articles = {a.id: a for a in imported.model.sections[2].articles}

    assert articles["art.2.6"].kind == "normative"
    assert articles["art.2.6"].proposed.source == f"{WILLIBRORD}#A.5"
    assert articles["art.2.6"].proposed.similarity >= 0.9
    a5_rules = [r for r in builtin_protocol(WILLIBRORD).rules if r.article == "A.5"]
    proposed = [r for r in imported.model.rules if r.article == "art.2.6"]
    assert [r.effect for r in proposed] == [r.effect for r in a5_rules]
    assert all(r.proposed.source == f"{WILLIBRORD}#A.5" for r in proposed)
    general = imported.model.sections[1].articles[2]
    assert (general.id, general.kind, general.proposed.source) == ("art.1.3", "informative",
                                                                     None)
    assert not [r for r in imported.model.rules if r.article == "art.1.3"]
    assert run("protocols", "validate", str(out)).code == 0


def test_without_an_output_file_the_protocol_goes_to_standard_output(run):
    result = run("protocols", "import", str(QUESTIONS))

    assert result.code == 0
    assert result.out.startswith("# ")
    assert "id: medewerkers.1\n" in result.out
    assert "8 artikelen" in result.err


def test_the_summary_counts_articles_and_proposals(run, tmp_path):
    result = run("protocols", "import", str(TABLE), "-o", str(tmp_path / "baken.yaml"))

    assert result.code == 0
    assert "4 secties, 8 artikelen" in result.err
    assert "controleer" in result.err.lower()


# -- files it cannot read -------------------------------------------------------------------

def _refused(run, tmp_path, name: str, data: bytes, *words: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("protocols", "import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.code == 2
    assert result.out == ""
    assert not (tmp_path / "out.yaml").exists()
    assert str(path) in result.err
    for word in words:
        assert word in result.err


def test_an_old_word_file_is_refused_as_an_unknown_type(run, tmp_path):
    _refused(run, tmp_path, "protocol.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
             "DOCX", "PDF")


def test_a_photo_is_refused_as_an_unknown_type(run, tmp_path):
    _refused(run, tmp_path, "protocol.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 40,
             "DOCX", "PDF")


def test_a_damaged_docx_is_refused(run, tmp_path, documents):
    whole = documents["baken-tabel.docx"].read_bytes()
    _refused(run, tmp_path, "kapot.docx", whole[: len(whole) // 2], "DOCX", "beschadigd")


def test_a_zip_that_is_no_word_document_is_refused(run, tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    _refused(run, tmp_path, "protocol.odt", buffer.getvalue(), "word/document.xml")


def test_a_damaged_pdf_is_refused(run, tmp_path):
    _refused(run, tmp_path, "kapot.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EO",
             "PDF", "beschadigd")


def test_an_empty_file_is_refused(run, tmp_path):
    _refused(run, tmp_path, "leeg.txt", b"  \n\n", "leeg")


def test_a_document_without_articles_is_refused(run, tmp_path):
    _refused(run, tmp_path, "titel.txt", b"Protocol sociale media\n", "artikelen")


def test_a_file_beyond_the_size_limit_is_refused(run, tmp_path):
    _refused(run, tmp_path, "groot.txt", b"1. Tekst.\n" * 2_200_000, "MB")


def test_a_missing_file_is_refused(run, tmp_path):
    result = run("protocols", "import", str(tmp_path / "nergens.docx"))
    assert result.code == 2
    assert "nergens.docx" in result.err


def test_the_import_is_in_the_json_schema(run):
    schema = run("protocols", "schema").json
    assert "proposed" in schema["$defs"]["RuleModel"]["properties"]
    assert json.dumps(schema["$defs"]["ProposalModel"])
