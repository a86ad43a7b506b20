"""The demo schools' incidents: an aanspreekpunt pesten, and one invented report about a
pupil's video, opened as a case for the pupil's mentor to triage. Safe to repeat: a school
that has reports already gets none added. No mail is sent for it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from protocolwijzer.incidents.actions import do_open_case
from protocolwijzer.incidents.models import IncidentSettings, Report
from protocolwijzer.schools.models import Person, School

R = Person.Role


def do_load_incident_demo(school: School) -> None:
    staff = Person.objects.filter(school=school, role__in=[R.MENTOR, R.MEDEWERKER],
                                  is_active=True).order_by("pk")
    settings, _created = IncidentSettings.objects.get_or_create(school=school)
    if settings.aanspreekpunt_id is None and staff.exists():
        settings.aanspreekpunt = staff.filter(role=R.MEDEWERKER).first() or staff.first()
        settings.save(update_fields=["aanspreekpunt"])
    if Report.objects.filter(school=school).exists():
        return
    pupil = (Person.objects.filter(school=school, role=R.LEERLING, group__isnull=False)
             .order_by("pk").first())
    parent = (Person.objects.filter(school=school, role=R.OUDER).exclude(user=None)
              .order_by("pk").first())
    if pupil is None:
        return
    report = Report.objects.create(
        school=school, channel=Report.Channel.ACCOUNT, reporter=parent, platform="tiktok",
        happened_on=timezone.localdate() - datetime.timedelta(days=2),
        description="Er staat een filmpje op TikTok dat in de klas is gemaakt, met "
                    "klasgenoten erop die niet wisten dat ze gefilmd werden. (Verzonnen "
                    "melding voor de demo.)")
    report.involved.set([pupil])
    do_open_case(report, parent.user if parent is not None else None, notify=False)
