"""A case's history is append-only: every step on the pages adds a line (and the same
step to the audit log); nothing can change or remove a line, in code or in bulk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.incidents.models import CaseEvent, CaseEventIsAppendOnly
from protocolwijzer.incidents.tests.case_fixtures import (
    MakeCase,
    client_for,
    make_case,
    p,
    private_media,
)
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["make_case", "p", "private_media"]


def test_each_step_adds_to_the_history_and_nothing_changes_it(
        p: Personas, make_case: MakeCase) -> None:
    case = make_case(involved=(p.student,), reporter=p.parent)
    leider = client_for(p.user("schoolleider"))
    leider.post(reverse("incidents:link_person", args=[case.pk]),
                {"person": p.student.pk, "part": "subject"})
    leider.post(reverse("incidents:severity", args=[case.pk]), {"severity": "ernstig"})

    kinds = list(case.history.values_list("kind", flat=True))
    assert kinds == ["opened", "person_linked", "severity_set"]
    assert list(AuditEvent.objects.filter(action__in=[
        "case_opened", "case_person_linked", "case_severity_set"]).order_by("pk")
        .values_list("action", flat=True)) == ["case_opened", "case_person_linked",
                                               "case_severity_set"]
    page = leider.get(reverse("incidents:case", args=[case.pk])).content.decode()
    assert page.index("zaak geopend") < page.index("persoon gekoppeld") < page.index(
        "ernst vastgelegd")

    event = case.history.first()
    assert event is not None
    event.kind = "closed"
    with pytest.raises(CaseEventIsAppendOnly):
        event.save()
    with pytest.raises(CaseEventIsAppendOnly):
        event.delete()
    with pytest.raises(CaseEventIsAppendOnly):
        CaseEvent.objects.filter(case=case).update(kind="closed")
    with pytest.raises(CaseEventIsAppendOnly):
        CaseEvent.objects.filter(case=case).delete()
    assert list(case.history.values_list("kind", flat=True)) == kinds
