"""A school's protocol goes concept -> voorgelegd -> instemming -> vastgesteld -> in force,
each step in its turn; the version that decides a situation is the one in force on its day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.protocols import lifecycle
from protocolwijzer.protocols.lifecycle import (
    do_activate_due_protocols,
    do_adopt,
    do_copy_protocol,
    do_create_concept,
    do_put_in_force,
    do_record_instemming,
    do_submit,
    do_update_concept,
    protocol_in_force,
)
from protocolwijzer.protocols.models import Adoption, ProtocolVersion
from protocolwijzer.schools.tests.personas import Personas

DAY = datetime.date(2026, 9, 1)


def _adopted(members: Personas) -> Adoption:
    school, by = members.school, members.schoolleider.user
    concept = do_copy_protocol(school, school.protocol, by=by)
    do_update_concept(concept, concept.source_yaml + "\n# Aangepast door de school.\n", by=by)
    do_submit(concept, ["MR", "OR"], on=DAY, by=by)
    do_record_instemming(concept, "MR", "given", decided_on=DAY, minutes_reference="MR 3/2026",
                         by=by)
    do_record_instemming(concept, "OR", "refused", decided_on=DAY, minutes_reference="OR 7",
                         by=by)
    return do_adopt(concept, adopted_by="het bestuur", adopted_on=DAY, by=by)


def _field_of(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(exc.value.message_dict)


def test_a_school_without_adoptions_keeps_its_protocol_on_every_day(members: Personas) -> None:
    school = members.school
    assert protocol_in_force(school, datetime.date(2001, 1, 1)) == school.protocol
    assert protocol_in_force(school, None) == school.protocol


def test_a_future_version_decides_from_its_date_and_the_old_one_before(
        members: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifecycle, "today", lambda: DAY)
    school = members.school
    old = school.protocol
    adoption = _adopted(members)
    do_put_in_force(adoption, DAY + datetime.timedelta(days=10), by=members.schoolleider.user)
    school.refresh_from_db()
    assert school.protocol == old  # not yet
    assert protocol_in_force(school, DAY + datetime.timedelta(days=9)) == old
    assert protocol_in_force(school, DAY + datetime.timedelta(days=10)) == adoption.version
    assert protocol_in_force(school, datetime.date(2001, 1, 1)) == old

    assert do_activate_due_protocols(DAY + datetime.timedelta(days=9)) == []
    assert do_activate_due_protocols(DAY + datetime.timedelta(days=10)) == [school]
    school.refresh_from_db()
    assert school.protocol == adoption.version
    assert do_activate_due_protocols(DAY + datetime.timedelta(days=11)) == []


def test_in_force_from_today_switches_the_school_at_once(
        members: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifecycle, "today", lambda: DAY)
    adoption = _adopted(members)
    do_put_in_force(adoption, DAY, by=members.schoolleider.user)
    members.school.refresh_from_db()
    assert members.school.protocol == adoption.version
    codes = set(AuditEvent.objects.filter(school=members.school).values_list("action", flat=True))
    assert {lifecycle.COPIED, lifecycle.EDITED, lifecycle.SUBMITTED, lifecycle.DECIDED,
            lifecycle.ADOPTED, lifecycle.IN_FORCE, lifecycle.ACTIVATED} <= codes


def test_steps_out_of_order_are_refused_naming_the_field(members: Personas) -> None:
    school, by = members.school, members.schoolleider.user
    concept = do_copy_protocol(school, school.protocol, by=by)
    with pytest.raises(ValidationError) as exc:
        do_put_in_force(concept, DAY, by=by)
    assert _field_of(exc) == ["in_force_from"]
    with pytest.raises(ValidationError) as exc:
        do_adopt(concept, adopted_by="het bestuur", adopted_on=DAY, by=by)
    assert _field_of(exc) == ["adopted_on"]
    with pytest.raises(ValidationError) as exc:
        do_submit(concept, [], on=DAY, by=by)
    assert _field_of(exc) == ["submitted_to"]

    do_submit(concept, ["MR"], on=DAY, by=by)
    with pytest.raises(ValidationError) as exc:
        do_adopt(concept, adopted_by="het bestuur", adopted_on=DAY, by=by)
    assert "MR" in str(exc.value) and _field_of(exc) == ["adopted_on"]
    with pytest.raises(ValidationError) as exc:
        do_update_concept(concept, concept.source_yaml + "\n#", by=by)
    assert _field_of(exc) == ["source_yaml"]
    with pytest.raises(ValidationError) as exc:
        do_record_instemming(concept, "OR", "given", decided_on=DAY, minutes_reference="x",
                             by=by)
    assert _field_of(exc) == ["body"]

    do_record_instemming(concept, "MR", "refused", decided_on=DAY, minutes_reference="MR 4",
                         by=by)
    with pytest.raises(ValidationError) as exc:
        do_adopt(concept, adopted_by="het bestuur", adopted_on=DAY, by=by)
    assert "MR" in str(exc.value)
    concept.refresh_from_db()
    assert concept.status == Adoption.Status.SUBMITTED


def test_an_invalid_text_is_not_saved_and_says_which_field(members: Personas) -> None:
    school, by = members.school, members.schoolleider.user
    concept = do_copy_protocol(school, school.protocol, by=by)
    broken = concept.source_yaml.replace("effect: forbidden", "effect: verboden", 1)
    with pytest.raises(ValidationError) as exc:
        do_update_concept(concept, broken, by=by)
    assert "effect" in str(exc.value)
    concept.refresh_from_db()
    assert "effect: verboden" not in concept.source_yaml
    with pytest.raises(ValidationError):
        do_create_concept(school, "format: protocolwijzer/1\n", by=by)
    assert Adoption.objects.filter(school=school).count() == 1


def test_a_submitted_copy_does_not_replace_the_public_page_of_its_model(
        members: Personas) -> None:
    school = members.school
    model = school.protocol
    adoption = _adopted(members)
    assert adoption.version != model
    assert ProtocolVersion.objects.current(model.protocol_id) == model
