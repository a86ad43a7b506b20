"""Cases for the tests of the handler's pages (helper "core"): the personas of
schools/tests, their schools on a built-in protocol, an aanspreekpunt, and a report made
the way the reporting side makes one (a Report row, its evidence in private storage,
``do_open_case``). Import the fixtures into a test module: ``from ...case_fixtures import
*`` is not used; name them (``p``, ``private_media``, ``make_case``)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from protocolwijzer.incidents.actions import do_open_case
from protocolwijzer.incidents.models import Case, Evidence, IncidentSettings, Report
from protocolwijzer.media.models import private_storage
from protocolwijzer.media.tests.private_storage import use_private_storage
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

WILLIBRORD = "willibrord-miland-2023"
ROERMOND = "praktijkonderwijs-roermond-2015"
# A small valid PNG (1×1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture(autouse=True)
def private_media(tmp_path: Path, settings: Any) -> Path:
    return use_private_storage(tmp_path, settings)


def follow_protocol(school: School, protocol_id: str) -> None:
    school.protocol = ProtocolVersion.objects.current(protocol_id)
    school.save(update_fields=["protocol"])


@pytest.fixture
def p(db: None) -> Personas:
    """The personas; De Maas follows Willibrord-Miland, its aanspreekpunt is the
    communications lead."""
    do_load_builtin_protocols()
    personas = make_personas()
    follow_protocol(personas.school, WILLIBRORD)
    IncidentSettings.objects.create(school=personas.school,
                                    aanspreekpunt=personas.communicatie)
    return personas


def store_evidence(report: Report, content: bytes, name: str = "schermafbeelding.png"
                   ) -> Evidence:
    """Evidence as the reporting side stores it: the original byte for byte, hashed."""
    stored = private_storage().save(f"incidents/{report.pk}/original.png",
                                    _content(content))
    return Evidence.objects.create(
        report=report, case=report.case, name=stored, view_name="",
        original_name=name, kind="image", format="png", size=len(content),
        sha256=hashlib.sha256(content).hexdigest())


def _content(data: bytes) -> Any:
    from django.core.files.base import ContentFile

    return ContentFile(data)


MakeCase = Callable[..., Case]


@pytest.fixture
def make_case(p: Personas) -> MakeCase:
    def _make(*, involved: tuple[Person, ...] = (), description: str = "",
              platform: str = "instagram", reporter: Person | None = None,
              channel: str = Report.Channel.ACCOUNT, evidence: bytes | None = None,
              school: School | None = None, to_aanspreekpunt: bool = False) -> Case:
        report = Report.objects.create(
            school=school or p.school, channel=channel, reporter=reporter,
            platform=platform, description=description or "Een bericht over een leerling.",
            happened_on=timezone.localdate() - datetime.timedelta(days=1),
            to_aanspreekpunt=to_aanspreekpunt)
        report.involved.set(involved)
        if evidence is not None:
            store_evidence(report, evidence)
        case = do_open_case(report, reporter.user if reporter and reporter.user else None)
        case.refresh_from_db()
        return case

    return _make


def client_for(user: Any) -> Client:
    client = Client()
    sign_in(client, user)
    return client
