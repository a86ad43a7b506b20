"""The class list shows who may appear, for teachers, at once after a change."""

from __future__ import annotations

import pytest
from django.test import Client

from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.schools.tests.personas import make_personas, sign_in


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    return personas


def page(client: Client, user, group) -> tuple[int, str]:
    sign_in(client, user)
    response = client.get(f"/toestemming/groepen/{group.pk}/")
    return response.status_code, response.content.decode()


def test_a_teacher_sees_a_withdrawal_on_the_class_list_at_once(client, p):
    social = Purpose.objects.get(school=p.school, code="sociale-media")
    do_record_decision(p.student, social, "given", decided_by=p.parent, how="guardian_page")
    _, before = page(client, p.teacher.user, p.group_1a)
    do_record_decision(p.student, social, "refused", decided_by=p.parent, how="guardian_page")
    status, after = page(client, p.teacher.user, p.group_1a)
    assert status == 200
    assert p.student.full_name in after and p.classmate.full_name in after
    assert before.count("consent--yes") == after.count("consent--yes") + 1


def test_a_student_cannot_open_the_class_list(client, p):
    status, _ = page(client, p.student.user, p.group_1a)
    assert status == 403


def test_another_schools_class_list_does_not_exist_for_a_teacher(client, p):
    status, _ = page(client, p.teacher.user, p.other_group)
    assert status == 404


def test_the_csv_export_is_safe_to_open_in_a_spreadsheet(client, p):
    p.classmate.first_name = "=HYPERLINK(1)"
    p.classmate.save(update_fields=["first_name"])
    sign_in(client, p.teacher.user)
    response = client.get(f"/toestemming/groepen/{p.group_1a.pk}/lijst.csv")
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "\n'=HYPERLINK(1)" in body
    header = body.splitlines()[0].split(";")
    assert len(header) == 1 + Purpose.objects.filter(school=p.school).count()


def test_a_student_turning_16_soon_is_flagged_and_then_asked_themselves(client, p):
    # Under 16 the guardian's yes counts; from the birthday the student's own choice is
    # asked (AVG art. 8, UAVG art. 5), and the class list says so.
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    social = Purpose.objects.get(school=p.school, code="sociale-media")
    do_record_decision(p.student, social, "given", decided_by=p.parent, how="guardian_page")
    def sixteen_years_before(day: datetime.date) -> datetime.date:
        return datetime.date(day.year - 16, day.month, min(day.day, 28))

    soon = today + datetime.timedelta(days=20)
    p.student.date_of_birth = sixteen_years_before(soon)
    p.student.save(update_fields=["date_of_birth"])

    _, before = page(client, p.teacher.user, p.group_1a)
    assert "wordt 16 op" in before and "16+: vraag de leerling" not in before

    p.student.date_of_birth = sixteen_years_before(today) - datetime.timedelta(days=1)
    p.student.save(update_fields=["date_of_birth"])
    _, after = page(client, p.teacher.user, p.group_1a)
    assert "wordt 16 op" not in after and "16+: vraag de leerling" in after
