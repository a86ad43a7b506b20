"""Issue 16: a school imports its own protocol document in the browser: upload, review
side by side, decide per proposal, save as a concept."""

from __future__ import annotations

import html

import pytest
import yaml
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.engine.protocol import builtin_protocol
from protocolwijzer.protocols.import_views import SESSION_KEY
from protocolwijzer.protocols.models import Adoption, ProtocolVersion
from protocolwijzer.schools.tests.personas import Personas, sign_in
from tests.protocol_documents import (
    EXPECTED_IDS,
    NUMBERED,
    QUESTIONS,
    SEED_TEXTS,
    TABLE,
    docx_bytes,
    expected_articles,
    pdf_bytes,
)
from tests.scenario import needs_seeds

WILLIBRORD = "willibrord-miland-2023"
SOURCES = {NUMBERED.stem: NUMBERED, TABLE.stem: TABLE, QUESTIONS.stem: QUESTIONS}
FORMATS = {".txt": lambda text: text.encode("utf-8"), ".docx": docx_bytes, ".pdf": pdf_bytes}


def _upload(client: Client, name: str, data: bytes, **fields: object):
    return client.post(reverse("protocols:import"),
                       {"document": SimpleUploadedFile(name, data), **fields})


def _review_page(client: Client, name: str, data: bytes) -> str:
    response = _upload(client, name, data)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("protocols:import_review")
    page = client.get(response["Location"])
    assert page.status_code == 200
    return html.unescape(page.content.decode())


def _shows_article(page: str, article_id: str, text: str) -> bool:
    return f'value="{article_id}"' in page and text in page


@pytest.fixture
def leader(client: Client, personas: Personas) -> Client:
    sign_in(client, personas.user("schoolleider"))
    return client


# -- the three test documents and a seed: their articles verbatim ---------------------------

@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("stem", sorted(EXPECTED_IDS))
def test_each_test_document_shows_its_articles_verbatim_on_the_review_page(
        leader: Client, stem: str, suffix: str) -> None:
    data = FORMATS[suffix](SOURCES[stem].read_text(encoding="utf-8"))

    page = _review_page(leader, f"{stem}{suffix}", data)

    for article_id, text in expected_articles(stem):
        assert _shows_article(page, article_id, text), (article_id, text)


@needs_seeds
def test_a_seed_text_shows_the_built_in_articles_with_their_proposals(leader: Client) -> None:
    page = _review_page(leader, "protocol.txt", SEED_TEXTS[WILLIBRORD].read_bytes())

    for article in builtin_protocol(WILLIBRORD).iter_articles():
        assert _shows_article(page, article.id, article.text), article.id
    # A.5 resembles Willibrord's own A.5 word for word, and its rule is shown in words.
    assert "lijkt op artikel A.5 van" in page
    assert "(100% gelijk)" in page


def test_the_review_page_puts_each_article_beside_the_paragraph_it_came_from(
        leader: Client) -> None:
    page = _review_page(leader, "baken.txt", TABLE.read_bytes())

    # The first table row is paragraph 4 of the document; its article links back to it.
    assert 'href="#alinea-' in page
    assert "Je document" in page and "Wat Protocolwijzer ervan maakte" in page


# -- refused files: nothing stored, the field named -----------------------------------------

def _exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _pdf_without_text() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 200, 200, fill=1)  # a scan is an image of the page: no text in it
    page.showPage()
    page.save()
    return buffer.getvalue()


UNKNOWN_TYPE = "kan niet worden geïmporteerd"
REFUSED = {
    "an empty file": ("leeg.txt", b"", "leeg"),
    "a program renamed .docx": ("protocol.docx", _exe(), UNKNOWN_TYPE),
    "a photo": ("protocol.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, UNKNOWN_TYPE),
    "a scanned PDF": ("scan.pdf", None, "geen tekst"),
    "a ZIP that is no Word file": ("protocol.docx", None, "geen Word-document"),
}


def _data(name: str, data: bytes | None) -> bytes:
    if data is not None:
        return data
    if name == "scan.pdf":
        return _pdf_without_text()
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")
    return buffer.getvalue()


def _stored() -> tuple[int, int, int]:
    return (AuditEvent.objects.count(), ProtocolVersion.objects.count(),
            Session.objects.count())


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_cannot_be_imported_is_refused_at_the_field_and_stores_nothing(
        leader: Client, case: str) -> None:
    name, data, words = REFUSED[case]
    before = _stored()

    response = _upload(leader, name, _data(name, data))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["document"]
    assert words in errors["document"][0], errors["document"]
    page = response.content.decode()
    assert "Je protocoldocument" in page  # the field's label, with the message beside it
    assert _stored() == before
    assert SESSION_KEY not in leader.session


def test_a_file_beyond_the_limit_is_refused_and_stores_nothing(leader: Client) -> None:
    from protocolwijzer.protocols.importing.reading import MAX_FILE_BYTES

    before = _stored()

    response = _upload(leader, "groot.txt", b"a" * (MAX_FILE_BYTES + 1))

    assert "groter dan 20 MB" in response.context["form"].errors["document"][0]
    assert _stored() == before
    assert SESSION_KEY not in leader.session


def test_a_file_that_says_it_is_too_large_is_refused_before_it_is_read(
        leader: Client) -> None:
    before = _stored()

    response = leader.post(reverse("protocols:import"), data=b"",
                           content_type="multipart/form-data; boundary=x",
                           CONTENT_LENGTH=str(50 * 1024 * 1024))

    assert response.status_code == 413
    assert "groter dan 20 MB" in response.context["form"].errors["document"][0]
    assert _stored() == before


def test_an_upload_without_a_file_names_the_field(leader: Client) -> None:
    response = leader.post(reverse("protocols:import"), {})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["document"]


# -- who may import -------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["teacher", "mentor", "communicatie", "mr_lid", "parent"])
def test_only_the_school_management_may_import(client: Client, personas: Personas,
                                                role: str) -> None:
    sign_in(client, personas.user(role))
    before = _stored()

    upload = _upload(client, "protocol.txt", NUMBERED.read_bytes())
    review = client.get(reverse("protocols:import_review"))

    assert upload.status_code == 403
    assert review.status_code == 403
    assert AuditEvent.objects.filter(action="protocol_document_imported").count() == 0
    assert ProtocolVersion.objects.count() == before[1]


def test_a_beheerder_chooses_the_school_and_the_import_is_audited(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("beheerder"))

    response = _upload(client, "vragen.txt", QUESTIONS.read_bytes(),
                       school=personas.sister_school.pk)

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="protocol_document_imported")
    assert event.school_id == personas.sister_school.pk
    assert event.detail == {"file": "vragen.txt", "articles": 8,
                            "proposals": event.detail["proposals"]}
    assert client.session[SESSION_KEY]["school"] == personas.sister_school.pk


def test_a_beheerder_cannot_import_for_a_school_of_another_stichting(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("beheerder"))

    response = _upload(client, "vragen.txt", QUESTIONS.read_bytes(),
                       school=personas.other_school.pk)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["school"]
    assert SESSION_KEY not in client.session


# -- the review -----------------------------------------------------------------------------

def test_without_an_upload_the_review_sends_back_to_the_upload(leader: Client) -> None:
    response = leader.get(reverse("protocols:import_review"))

    assert response.status_code == 302
    assert response["Location"] == reverse("protocols:import")


def test_an_article_id_that_the_format_does_not_allow_is_refused_at_that_article(
        leader: Client) -> None:
    _review_page(leader, "genummerd.txt", NUMBERED.read_bytes())
    fields = {f"id-{i}": article_id
              for i, article_id in enumerate(EXPECTED_IDS[NUMBERED.stem])}

    response = leader.post(reverse("protocols:import_review"),
                           {**fields, "id-0": "1 foto's", "id-2": "art.1.2", "save": ""})

    errors = response.context["form"].errors
    assert set(errors) == {"id-0", "id-2"}
    assert "begint met een letter" in errors["id-0"][0]
    assert "art.1.2" in errors["id-2"][0]
    assert SESSION_KEY in leader.session


def test_abandoning_the_review_removes_the_document(leader: Client) -> None:
    _review_page(leader, "genummerd.txt", NUMBERED.read_bytes())

    response = leader.post(reverse("protocols:import_review"), {"abandon": ""})

    assert response.status_code == 302
    assert response["Location"] == reverse("protocols:import")
    assert SESSION_KEY not in leader.session
    assert leader.get(reverse("protocols:import_review")).status_code == 302


# -- saving as a concept --------------------------------------------------------------------

def _review_fields(client: Client) -> dict[str, str]:
    """What the review form posts as shown: every id and every proposal's default choice."""
    form = client.get(reverse("protocols:import_review")).context["form"]
    return {name: str(field.initial) for name, field in form.fields.items()}


def _saved(client: Client, fields: dict[str, str]) -> tuple[Adoption, dict]:
    response = client.post(reverse("protocols:import_review"), {**fields, "save": ""})
    assert response.status_code == 302, response.context["form"].errors
    adoption = Adoption.objects.get()
    assert response["Location"] == reverse("protocols:edit", kwargs={"pk": adoption.pk})
    return adoption, yaml.safe_load(adoption.source_yaml)


def _index(fields: dict[str, str], article_id: str) -> int:
    return next(int(name.removeprefix("id-")) for name, value in fields.items()
                if name.startswith("id-") and value == article_id)


@needs_seeds
def test_confirmed_proposals_become_rules_of_the_concept_and_dropped_ones_do_not(
        leader: Client, personas: Personas) -> None:
    _review_page(leader, "willibrord.txt", SEED_TEXTS[WILLIBRORD].read_bytes())
    fields = _review_fields(leader)
    a5, a8, a1 = _index(fields, "A.5"), _index(fields, "A.8"), _index(fields, "A.1")

    adoption, saved = _saved(leader, {**fields, f"besluit-{a5}": "confirm",
                                      f"besluit-{a8}": "drop"})

    assert adoption.school == personas.school
    assert adoption.status == Adoption.Status.CONCEPT
    rules = {rule["article"]: rule for rule in saved["rules"]}
    articles = {a["id"]: a for s in saved["sections"] for a in s["articles"]}
    # Confirmed: the rule is the school's own, no longer marked as a proposal.
    assert "A.5" in rules and "proposed" not in rules["A.5"]
    assert "proposed" not in articles["A.5"]
    # Dropped: no rule rests on A.8, which keeps its text and only informs.
    assert "A.8" not in rules
    assert articles["A.8"]["kind"] == "informative"
    assert articles["A.8"]["text"] == builtin_protocol(WILLIBRORD).articles["A.8"].text
    # Not decided: still a proposal in the concept, for the editor.
    assert rules["A.1"]["proposed"]["source"] == f"{WILLIBRORD}#A.1"
    assert f"besluit-{a1}" in fields
    assert SESSION_KEY not in leader.session
    event = AuditEvent.objects.get(action="protocol_import_saved")
    assert event.detail["confirmed"] == 1 and event.detail["dropped"] == 1


def test_a_changed_article_id_is_saved_with_its_rules(leader: Client) -> None:
    _review_page(leader, "tabel.txt", TABLE.read_bytes())
    fields = _review_fields(leader)
    decided = {name: "confirm" for name in fields if name.startswith("besluit-")}
    assert decided, "the table protocol has articles close to known ones"
    proposed = int(next(iter(decided)).removeprefix("besluit-"))
    old = fields[f"id-{proposed}"]

    _adoption, saved = _saved(leader, {**fields, **decided, f"id-{proposed}": "B.1"})

    ids = [a["id"] for s in saved["sections"] for a in s["articles"]]
    assert "B.1" in ids and old not in ids
    assert any(rule["article"] == "B.1" for rule in saved["rules"])
    assert not any(rule["article"] == old for rule in saved["rules"])
    assert not any("proposed" in rule for rule in saved["rules"]
                   if rule["article"] == "B.1")


def test_saving_twice_makes_one_concept(leader: Client) -> None:
    _review_page(leader, "vragen.txt", QUESTIONS.read_bytes())
    fields = _review_fields(leader)
    _saved(leader, fields)

    again = leader.post(reverse("protocols:import_review"), {**fields, "save": ""})

    assert again.status_code == 302 and again["Location"] == reverse("protocols:import")
    assert Adoption.objects.count() == 1
