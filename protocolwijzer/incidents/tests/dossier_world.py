"""A case at De Maas (the personas, with the Roermond protocol): Sem (student, 1A) posted a
TikTok video of classmates without their consent (A.5); the mentor triaged it and the
schoolleider gave Sem a waarschuwing under sancties.B.1, with a reason that names his
classmate Noor and the mentor."""

from __future__ import annotations

import datetime

from protocolwijzer.incidents.actions import (
    do_link_person,
    do_open_case,
    do_record_measure,
    do_triage,
)
from protocolwijzer.incidents.models import Case, CasePerson, Report
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import Personas

ROERMOND = "praktijkonderwijs-roermond-2015"
TIKTOK_VIDEO = {"actor": {"role": "student"}, "context": "off_duty", "school_related": True,
                "action": "publish", "channel": "tiktok", "account": "personal",
                "post": {"media": [{"kind": "video", "people": [
                    {"role": "student", "consent": "refused"}]}]}}
REASON = ("Sem zette een filmpje van Noor Visser op TikTok; Mirjam Mentor sprak hem "
          "erop aan. Noor's moeder belde op 06-12345678.")


def follow_roermond(p: Personas) -> None:
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=p.school.pk).update(protocol=versions[ROERMOND])
    p.school.refresh_from_db()


def warned_case(p: Personas, *, subject: Person | None = None,
                happened_on: datetime.date | None = None) -> Case:
    """The case above, triaged by the mentor, with the warning decided by the
    schoolleider; ``subject`` another pupil than Sem."""
    subject = subject or p.student
    report = Report.objects.create(school=p.school, channel=Report.Channel.ACCOUNT,
                                   reporter=p.parent, platform="tiktok",
                                   happened_on=happened_on, description="Een filmpje.")
    case = do_open_case(report, p.mentor.user)
    Case.objects.filter(pk=case.pk).update(handler=p.mentor)
    case.refresh_from_db()
    do_link_person(case, subject, CasePerson.Part.SUBJECT, p.mentor.user)
    do_link_person(case, p.classmate, CasePerson.Part.TARGET, p.mentor.user)
    do_triage(case, situation=TIKTOK_VIDEO, by=p.mentor.user)
    do_record_measure(case, subject, "waarschuwing", reason=REASON, by=p.schoolleider.user)
    case.refresh_from_db()
    return case
