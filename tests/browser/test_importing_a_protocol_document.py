"""A schoolleider imports the school's own protocol document (issue 16): from the versions
page to the upload, the review with the document beside what was made of it (side by side
on a desktop, stacked on a phone, never wider than the screen), one proposal confirmed,
and the concept opened in the editor. Set PW_SCREENSHOTS=/some/dir to keep a screenshot of
every step."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocolwijzer.protocols.models import Adoption
from tests.browser.conftest import fits_the_screen, serious_accessibility_violations, shot
from tests.browser.test_readme_walkthrough import schoolleider_email, sign_in
from tests.protocol_documents import TABLE, docx_bytes

pytestmark = pytest.mark.slow

SCHOOL = "praktijkschool-de-maas"


def import_the_table_protocol(page, base_url: str, tmp_path: Path, device: str) -> None:
    document = tmp_path / "Protocol sociale media De Baken.docx"
    document.write_bytes(docx_bytes(TABLE.read_text(encoding="utf-8")))
    sign_in(page, base_url, schoolleider_email(SCHOOL))

    page.goto(f"{base_url}/protocol/versies/")
    page.get_by_role("link", name="importeer het eigen protocoldocument").click()
    page.wait_for_url("**/protocol/importeren/")
    assert fits_the_screen(page)
    assert serious_accessibility_violations(page) == []
    shot(page, f"{device}-1-upload")

    page.get_by_label("Je protocoldocument").set_input_files(str(document))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_url("**/protocol/importeren/controleren/")
    assert page.get_by_role("heading", level=1).inner_text() == \
        "Het geïmporteerde protocol controleren"
    shot(page, f"{device}-2-review")
    assert fits_the_screen(page)
    assert serious_accessibility_violations(page) == []


def columns(page) -> tuple[dict, dict]:
    document = page.locator(".import-document").bounding_box()
    result = page.locator(".import-result").bounding_box()
    return document, result


def confirm_the_first_proposal_and_save(page, device: str) -> None:
    decision = page.locator(".import-decision").first
    decision.get_by_text("Bevestigen", exact=True).click()
    shot(page, f"{device}-3-confirmed")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_url("**/protocol/versies/*/bewerken/")
    shot(page, f"{device}-4-editor")
    assert "opgeslagen als concept" in page.locator(".messages").inner_text()
    adoption = Adoption.objects.get(school__slug=SCHOOL, status=Adoption.Status.CONCEPT)
    assert "De Baken" in adoption.source_yaml or "iedereen.1" in adoption.source_yaml


def test_a_schoolleider_imports_a_protocol_document_on_a_desktop(page, live_server, demo,
                                                                 tmp_path):
    import_the_table_protocol(page, live_server.url, tmp_path, "desktop")

    document, result = columns(page)
    assert result["x"] > document["x"] + document["width"] - 1  # side by side
    assert page.locator(".import-paragraph").first.is_visible()  # the document open
    # A paragraph links to the article made of it, and the article back to its paragraph.
    assert page.locator(".import-paragraph--article").count() >= 8
    assert page.locator(".import-article__from").count() >= 8
    confirm_the_first_proposal_and_save(page, "desktop")


def test_a_schoolleider_imports_a_protocol_document_on_a_phone(phone, live_server, demo,
                                                               tmp_path):
    import_the_table_protocol(phone, live_server.url, tmp_path, "phone")

    document, result = columns(phone)
    assert result["y"] >= document["y"] + document["height"] - 1  # stacked, document first
    # The document is folded to one line, so the proposals to check come first; the link
    # from an article to its paragraph unfolds it.
    assert not phone.locator(".import-paragraph").first.is_visible()
    assert document["height"] < 120
    phone.locator(".import-article__from").first.click()
    assert phone.locator(".import-paragraph--article").first.is_visible()
    phone.locator(".import-document summary").click()  # and folds again
    for field in phone.locator(".import-article__id").all()[:3]:
        box = field.bounding_box()
        assert box["x"] + box["width"] <= 390
    confirm_the_first_proposal_and_save(phone, "phone")
