"""A paper form is recorded "vastgelegd door ... namens ...", with the form's date and an
optional scan (issue 14). The scan is personal data: kept outside every served directory,
without an address of its own, opened only by whoever may read the student's consent
history, and every opening is logged."""

from __future__ import annotations

import datetime
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.models import ConsentText, Decision, PaperForm, Purpose
from protocolwijzer.consent.retention import do_purge_left_students
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def p(db: None, settings, tmp_path: Path) -> Personas:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "private")
    personas = make_personas()
    do_set_up_consent(personas.school)
    ConsentText.objects.filter(school=personas.school).update(
        created_at=timezone.now() - datetime.timedelta(days=60))
    return personas


def purpose_field(p: Personas, code: str) -> str:
    return f"p{Purpose.objects.get(school=p.school, code=code).pk}"


def record(client: Client, p: Personas, scan: SimpleUploadedFile | None = None):  # type: ignore[no-untyped-def]
    data = {"decided_by": p.parent.pk,
            "form_dated": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
            purpose_field(p, "schoolwebsite"): "given",
            purpose_field(p, "sociale-media"): "refused"}
    if scan is not None:
        data["scan"] = scan
    return client.post(reverse("consent:paper_form", args=[p.student.pk]), data)


def test_the_history_says_who_recorded_the_form_on_whose_behalf(
        client: Client, p: Personas) -> None:
    sign_in(client, p.user("communicatie"))

    record(client, p, SimpleUploadedFile("formulier.pdf", PDF, "application/pdf"))
    history = client.get(reverse("consent:student", args=[p.student.pk])).content.decode()

    form = PaperForm.objects.get()
    assert (form.signed_by, form.recorded_by, form.scan_type) == (
        p.parent, p.user("communicatie"), "application/pdf")
    assert set(Decision.objects.values_list("paper_form", flat=True)) == {form.pk}
    assert history.count("vastgelegd door Cor Communicatie namens Petra Bakker") == 2
    assert history.count(reverse("consent:paper_form_scan", args=[form.pk])) == 2


def test_the_scan_is_stored_privately_under_a_random_name(client: Client, p: Personas) -> None:
    sign_in(client, p.user("communicatie"))

    record(client, p, SimpleUploadedFile("Sem Bakker toestemming.pdf", PDF, "application/pdf"))

    form = PaperForm.objects.get()
    stored = Path(form.scan.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    assert "Sem" not in form.scan.name and "Bakker" not in form.scan.name
    with pytest.raises(ValueError):
        form.scan.url  # noqa: B018 - a private file has no address


def test_the_scan_is_a_download_for_who_may_read_the_history_and_it_is_logged(
        client: Client, p: Personas) -> None:
    sign_in(client, p.user("communicatie"))
    record(client, p, SimpleUploadedFile("formulier.png", png(), "image/png"))
    form = PaperForm.objects.get()
    sign_in(client, p.user("schoolleider"))

    response = client.get(reverse("consent:paper_form_scan", args=[form.pk]))
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    log = client.get(reverse("audit:log")).content.decode()

    assert response.status_code == 200
    assert body == Path(form.scan.path).read_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="consent_paper_form_scan_viewed")
    assert (event.actor, event.object_id) == (p.user("schoolleider"), str(p.student.pk))
    assert "Saskia L. opende de scan van een papieren formulier van Sem B." in log


@pytest.mark.parametrize("who, status", [("mentor", 403), ("teacher", 403), ("parent", 403),
                                         ("student", 403), ("other_teacher", 404)])
def test_nobody_else_opens_the_scan(client: Client, p: Personas, who: str,
                                    status: int) -> None:
    sign_in(client, p.user("communicatie"))
    record(client, p, SimpleUploadedFile("formulier.pdf", PDF, "application/pdf"))
    form = PaperForm.objects.get()
    sign_in(client, p.user(who))

    assert client.get(reverse("consent:paper_form_scan", args=[form.pk])).status_code == status
    assert not AuditEvent.objects.filter(action="consent_paper_form_scan_viewed").exists()


def test_a_file_that_is_no_scan_is_refused_and_nothing_is_saved(
        client: Client, p: Personas) -> None:
    sign_in(client, p.user("communicatie"))

    response = record(client, p, SimpleUploadedFile(
        "formulier.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"))

    assert response.status_code == 200
    assert "is geen scan die we kunnen bewaren" in response.content.decode()
    assert not PaperForm.objects.exists() and not Decision.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_scan_that_is_too_large_is_refused(client: Client, p: Personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PW_UPLOAD_MAX_BYTES = 1024
    sign_in(client, p.user("communicatie"))

    response = record(client, p, SimpleUploadedFile(
        "formulier.pdf", PDF + b"0" * 4096, "application/pdf"))

    assert "De scan is te groot" in response.content.decode()
    assert not PaperForm.objects.exists()


def test_a_form_without_a_scan_is_fine(client: Client, p: Personas) -> None:
    sign_in(client, p.user("communicatie"))

    record(client, p)
    history = client.get(reverse("consent:student", args=[p.student.pk])).content.decode()

    assert not PaperForm.objects.get().scan
    assert "scan downloaden" not in history


def test_retention_removes_the_form_and_its_scan(client: Client, p: Personas) -> None:
    sign_in(client, p.user("communicatie"))
    record(client, p, SimpleUploadedFile("formulier.pdf", PDF, "application/pdf"))
    stored = Path(PaperForm.objects.get().scan.path)
    left = timezone.localdate() - datetime.timedelta(days=800)
    Person.objects.filter(pk=p.student.pk).update(is_active=False, left_on=left)

    with pytest.MonkeyPatch.context() as patch:
        # The test's transaction never commits: run the on-commit removal at once.
        patch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: func())
        do_purge_left_students(timezone.localdate())

    assert not PaperForm.objects.exists()
    assert not stored.exists()
