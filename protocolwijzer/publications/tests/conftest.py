"""Personas with the consent register set up, and a helper that logs a publication the way
the page does (``do_log_publication``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from protocolwijzer.api.tests.conftest import api_as, personas
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.publications.actions import do_log_publication
from protocolwijzer.publications.models import Publication
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["api_as", "personas"]


@pytest.fixture
def p(personas: Personas) -> Personas:
    do_set_up_consent(personas.school)
    do_set_up_consent(personas.other_school)
    return personas


def purpose(school: Any, code: str) -> Purpose:
    return Purpose.objects.get(school=school, code=code)


def decide(student: Person, code: str, choice: str, by: Person, **extra: Any) -> None:
    do_record_decision(student, purpose(student.school, code), choice, decided_by=by,
                       how="guardian_page", **extra)


@pytest.fixture
def log(p: Personas) -> Callable[..., Publication]:
    def _log(*students: Person, channel: str = "instagram", kind: str = "photo",
             description: str = "Schoolreis naar de dierentuin",
             by: Any = None) -> Publication:
        return do_log_publication(
            school=students[0].school if students else p.school,
            by=by or p.communicatie.user, channel=channel,
            link="https://www.instagram.com/p/schoolreis/",
            published_at=timezone.now() - datetime.timedelta(days=1),
            students=students, description=description, kind=kind)

    return _log
