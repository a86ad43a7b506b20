"""Shared setup of the reporting tests (helper "report"): the personas of
schools/tests/personas.py, De Maas on Willibrord's protocol, the communications lead as
aanspreekpunt pesten, and a private storage of the test's own. Import the fixtures into a
test module: ``from protocolwijzer.incidents.tests.reporting_fixtures import p, media``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from protocolwijzer.incidents.actions import do_set_incident_settings
from protocolwijzer.media.tests.private_storage import use_private_storage
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import School
from protocolwijzer.schools.tests.personas import Personas, make_personas

PROTOCOL = "willibrord-miland-2023"


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    """The private storage in this test's own directory."""
    return use_private_storage(tmp_path, settings)


@pytest.fixture
def p(db: None, media: Path) -> Personas:
    from django.core.cache import cache

    cache.clear()  # rate-limit counters of other tests
    personas = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=personas.school.pk).update(protocol=versions[PROTOCOL])
    personas.school.refresh_from_db()
    do_set_incident_settings(personas.school, aanspreekpunt=personas.communicatie,
                             triage_days=5, retention_years=2, by=None)
    return personas


def files_in(location: Path) -> list[Path]:
    return [path for path in location.rglob("*") if path.is_file()] if location.exists() else []


def screenshot(name: str = "screenshot.png", *, fmt: str = "PNG", exif: bool = False,
               size: tuple[int, int] = (120, 80)) -> SimpleUploadedFile:
    """A small synthetic screenshot (no real person); with ``exif`` the GPS position and
    camera make a phone would write."""
    out = io.BytesIO()
    image = Image.new("RGB", size, (30, 90, 200))
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Telefoonmerk"
        gps = tags.get_ifd(0x8825)
        gps[1], gps[2] = "N", (51.0, 11.0, 30.0)
        gps[3], gps[4] = "E", (5.0, 59.0, 10.0)
        image.save(out, fmt, exif=tags)
    else:
        image.save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
