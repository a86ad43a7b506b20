"""A school year of invented activity for a demo school, so that its yearly evaluation has
something to show: checks, a few incidents with measures, consent answers, take-down tasks
(some late) and questions to the leidinggevende, spread over the previous school year.

Deterministic (a fixed seed per school and the built-in scenarios as the checks'
situations), about the demo's invented people only, and written in bulk so that
``load_demo`` stays fast. Safe to repeat: a school with checks before this school year
already has its year. The groups the walkthroughs start from an empty register (README,
browser tests) are left alone.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.consent.register import add_working_days, school_year_start
from protocolwijzer.engine.check import check_situation
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.engine.scenarios import scenarios_of, situation_of
from protocolwijzer.engine.situation import parse_situation
from protocolwijzer.incidents.actions import dossier_file_for
from protocolwijzer.incidents.models import Case, CasePerson, DossierEntry, Measure, Question
from protocolwijzer.incidents.questions import article_for
from protocolwijzer.publications.models import Publication, TakedownTask
from protocolwijzer.schools.models import Person, School

R = Person.Role
# Walked through from an empty register by the README and the browser tests.
UNTOUCHED_GROUPS = frozenset({"Klas 1A", "Groep 7"})
CHECKS = 140
QUESTIONS = 11
TAKEDOWN_TERM = 5  # working days
# (articles broken, role of whose behaviour, severity, measure or ""): per protocol, in
# the protocol's own numbering. The consequence article comes from the protocol file.
_A5_PUPIL = (["A.5"], R.LEERLING, "licht", "waarschuwing")
CASES = {
    "praktijkonderwijs-roermond-2015": [
        *[_A5_PUPIL] * 5,
        (["A.5"], R.LEERLING, "licht", ""),
        (["A.6"], R.LEERLING, "ernstig", "schorsing"),
        (["A.6"], R.LEERLING, "licht", "waarschuwing"),
        (["A.2"], R.LEERLING, "licht", ""),
        (["C.3"], R.MEDEWERKER, "licht", "waarschuwing"),
    ],
    "willibrord-miland-2023": [
        *[_A5_PUPIL] * 5,
        (["A.5"], R.OUDER, "licht", "waarschuwing"),
        (["A.9"], R.LEERLING, "ernstig", "waarschuwing"),
        (["A.9"], R.LEERLING, "licht", ""),
        (["A.6"], R.MEDEWERKER, "licht", "waarschuwing"),
    ],
}
EVENTS = ("de voorleeswedstrijd", "het schoolreisje", "de kerstviering", "de open dag",
          "het eindfeest", "de excursie naar het museum", "de projectweek")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _scenario_verdicts(protocol: Protocol) -> list[tuple[dict[str, Any], str, list[str]]]:
    """(situation without text, verdict, articles) of every scenario of the protocol that
    needs no text analysis: the checks of the demo year are these situations."""
    results = []
    for scenario_file, scenario in scenarios_of(protocol.id, protocol=protocol):
        raw = situation_of(scenario_file, scenario)
        post = raw.get("post") or {}
        if post.get("text"):
            continue
        verdict = check_situation(protocol, parse_situation(raw))
        results.append((raw, verdict.verdict, list(verdict.decision.cited_articles)))
    return results


def do_load_year_demo(school: School, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    this_year = school_year_start(today)
    start = this_year.replace(year=this_year.year - 1)
    if school.protocol is None or CheckRecord.objects.filter(
            school=school, created_at__lt=_at(this_year, 0)).exists():
        return
    rng = random.Random(f"protocolwijzer-demo-year:{school.slug}")
    days = [start + datetime.timedelta(days=n) for n in range((this_year - start).days)
            if (start + datetime.timedelta(days=n)).weekday() < 5
            and (start + datetime.timedelta(days=n)).month not in (7, 8)]
    people = list(Person.objects.filter(school=school, is_active=True)
                  .select_related("group", "user").order_by("pk"))
    staff = [p for p in people if p.role in (R.MEDEWERKER, R.MENTOR, R.COMMUNICATIE)]
    leader = next(p for p in people if p.role == R.SCHOOLLEIDING)
    pupils = [p for p in people if p.role == R.LEERLING
              and (p.group is None or p.group.name not in UNTOUCHED_GROUPS)]
    _checks(school, rng, days, [p for p in people if p.role != R.SCHOOLLEIDING])
    _cases(school, rng, days, people, pupils, leader)
    _consent(school, rng, start, days, pupils, staff)
    _questions(school, rng, days, staff, leader)


def _checks(school: School, rng: random.Random, days: Sequence[datetime.date],
            people: Sequence[Person]) -> None:
    version = school.protocol
    assert version is not None
    situations = _scenario_verdicts(version.engine_protocol())
    # A few situations come up again and again (photos of pupils, a class app), most
    # rarely: weights falling off make some articles frequent and others never cited.
    weights = [1.0 / (1 + index) ** 1.1 for index in range(len(situations))]
    order = list(range(len(situations)))
    rng.shuffle(order)
    records = []
    for _n in range(CHECKS):
        raw, verdict, articles = situations[rng.choices(order, weights)[0]]
        person = rng.choice(people)
        records.append(CheckRecord(
            person=person, user=person.user, school=school, protocol_version=version,
            created_at=_at(rng.choice(days), rng.randint(8, 20)),
            situation=raw, verdict=verdict, articles=articles))
    CheckRecord.objects.bulk_create(records)


def _measure_article(protocol: Protocol, role: str, measure: str) -> str:
    engine_role = {R.LEERLING: "student", R.OUDER: "parent"}.get(role, "staff")
    for consequence in protocol.consequences:
        if engine_role in consequence.roles and measure in consequence.measures:
            return consequence.article
    return ""


def _cases(school: School, rng: random.Random, days: Sequence[datetime.date],
           people: Sequence[Person], pupils: Sequence[Person], leader: Person) -> None:
    version = school.protocol
    assert version is not None
    protocol = version.engine_protocol()
    by_role = {role: [p for p in (pupils if role == R.LEERLING else people) if p.role == role]
               for role in (R.LEERLING, R.OUDER, R.MEDEWERKER)}
    by_role[R.OUDER] = [p for p in by_role[R.OUDER]
                        if all(c in pupils for c in p.children.all())]
    for articles, role, severity, measure in CASES.get(version.protocol_id, []):
        day = rng.choice(days[:-20])
        subject = rng.choice(by_role[role])
        case = Case.objects.create(
            school=school, opened_at=_at(day, 10), handler=leader, status=Case.Status.CLOSED,
            severity=severity, protocol_id=version.protocol_id,
            protocol_version=version.version, articles=articles, happened_on=day,
            triage_due=add_working_days(day, 2), closed_at=_at(day + datetime.timedelta(
                days=14), 15), close_reason="Afgehandeld. (Verzonnen zaak voor de demo.)")
        CasePerson.objects.create(case=case, person=subject, part=CasePerson.Part.SUBJECT)
        article = _measure_article(protocol, role, measure) if measure else ""
        if not article:
            continue
        decided_on = day + datetime.timedelta(days=7)
        reason = "Gesprek gevoerd; eerste keer. (Verzonnen voor de demo.)"
        recorded = Measure.objects.create(
            case=case, person=subject, article=article, measure=measure, decided_by=leader,
            decided_on=decided_on, reason=reason, articles=articles,
            recorded_at=_at(decided_on, 16))
        DossierEntry.objects.create(
            school=school, person=subject, file=dossier_file_for(subject), case=case,
            measure=recorded, article=article, created_by=leader, created_at=_at(decided_on, 16),
            text=f"{measure} ({article}), besloten op {decided_on.isoformat()} door "
                 f"{leader.full_name}. Geschonden artikelen: {', '.join(articles)}. "
                 f"Reden: {reason}")


def _consent(school: School, rng: random.Random, start: datetime.date,
             days: Sequence[datetime.date], pupils: Sequence[Person],
             staff: Sequence[Person]) -> None:
    """Answers in the first weeks of the year (most guardians answer, most say yes), and
    a few withdrawals later on, each with a take-down task: most done in time, some late."""
    purposes = list(Purpose.objects.filter(school=school, is_active=True).order_by("order"))
    guardians = {child.pk: guardian for guardian in Person.objects.filter(
        school=school, role=R.OUDER, children__in=pupils) for child in guardian.children.all()}
    early = [d for d in days if d < start + datetime.timedelta(days=75)]
    decisions = []
    given: list[tuple[Person, Purpose, Person]] = []
    for pupil in pupils:
        guardian = guardians.get(pupil.pk)
        if guardian is None:
            continue
        for purpose in purposes:
            if rng.random() < 0.1:
                continue  # no answer
            choice = Decision.Choice.GIVEN if rng.random() < 0.65 else Decision.Choice.REFUSED
            decisions.append(Decision(
                student=pupil, purpose=purpose, choice=choice, decided_by=guardian,
                how=Decision.How.GUARDIAN_PAGE, decided_at=_at(rng.choice(early), 19)))
            if choice == Decision.Choice.GIVEN:
                given.append((pupil, purpose, guardian))
    Decision.objects.bulk_create(decisions)

    communicatie = next((p for p in staff if p.role == R.COMMUNICATIE), staff[0])
    later = [d for d in days if d >= start + datetime.timedelta(days=90)]
    withdrawals = rng.sample(given, min(9, len(given)))
    for number, (pupil, purpose, guardian) in enumerate(withdrawals):
        day = rng.choice(later[:-30])
        publication = Publication.objects.create(
            school=school, description=f"Foto's van {rng.choice(EVENTS)}",
            channel=purpose.code, published_at=_at(day - datetime.timedelta(days=20), 12),
            logged_by=communicatie.user, logged_at=_at(day - datetime.timedelta(days=20), 13))
        publication.purposes.add(purpose)
        publication.students.add(pupil)
        refusal = Decision.objects.create(
            student=pupil, purpose=purpose, choice=Decision.Choice.REFUSED,
            decided_by=guardian, how=Decision.How.GUARDIAN_PAGE, decided_at=_at(day, 20))
        due = add_working_days(day, TAKEDOWN_TERM)
        # Two of the nine were done late: the evaluation shows "<5" for them.
        done = (add_working_days(due, 3) if number in (2, 6)
                else add_working_days(day, rng.randint(1, TAKEDOWN_TERM)))
        TakedownTask.objects.create(
            publication=publication, student=pupil, reason=TakedownTask.Reason.WITHDRAWN,
            decision=refusal, created_at=_at(day, 20), due_on=due,
            status=TakedownTask.Status.REMOVED, done_at=_at(done, 11),
            done_by=communicatie.user)


def _questions(school: School, rng: random.Random, days: Sequence[datetime.date],
               staff: Sequence[Person], leader: Person) -> None:
    version = school.protocol
    assert version is not None
    protocol = version.engine_protocol()
    askers = [p for p in staff if p.role in (R.MEDEWERKER, R.MENTOR)]
    texts = {Question.Kind.DOUBT: "Mag ik deze foto van de klas op de schoolpagina zetten? "
                                  "(Verzonnen vraag voor de demo.)",
             Question.Kind.DERAILING: "Er ontstaat ruzie in de reacties onder een bericht "
                                      "van de klas. (Verzonnen vraag voor de demo.)"}
    questions = []
    for number in range(QUESTIONS):
        kind = Question.Kind.DERAILING if number % 4 == 3 else Question.Kind.DOUBT
        day = rng.choice(days)
        answered = number != QUESTIONS - 1
        questions.append(Question(
            school=school, asked_by=rng.choice(askers), to=leader, kind=kind,
            article=article_for(protocol, kind), text=texts[kind], asked_at=_at(day, 14),
            answer="Bespreek het morgen even met mij. (Verzonnen antwoord voor de demo.)"
            if answered else "", answered_at=_at(day, 17) if answered else None,
            answered_by=leader if answered else None))
    Question.objects.bulk_create(questions)
