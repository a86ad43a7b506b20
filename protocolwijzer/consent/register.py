"""What the register says today: who decides, and what counts.

- Under 16 the guardians decide; from 16 the student decides (AVG art. 8 with UAVG art. 5).
  Once a student is 16, a guardian's earlier *yes* no longer counts on its own: until the
  student answers, the purpose's rule for silence applies. A guardian's earlier *no* keeps
  standing until the student answers, because a refusal never puts a child at risk.
- When two guardians disagree, the school's rule decides (default: a refusal wins).
- For a purpose asked again every school year, decisions from before this school year's
  start (1 August) no longer count.
- Without a decision that counts, the state is ``unknown``; the purpose's rule for
  silence says what that means in the class lists (opt-out: may appear). The checker passes
  ``unknown`` on, and the protocol's own articles decide (Willibrord A.8 allows it on the
  website, A.5 requires explicit consent on social media).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.consent.models import ConsentSettings, Decision, Purpose
from protocolwijzer.engine.errors import Problem, SituationError
from protocolwijzer.engine.situation import Situation
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Membership, people_visible_to

SELF_DECIDING_AGE = 16
SCHOOL_YEAR_STARTS = (8, 1)  # 1 August


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def decides_self(student: Person, day: datetime.date) -> bool:
    return (student.date_of_birth is not None
            and age_on(student.date_of_birth, day) >= SELF_DECIDING_AGE)


def sixteenth_birthday(student: Person) -> datetime.date | None:
    dob = student.date_of_birth
    if dob is None:
        return None
    try:
        return dob.replace(year=dob.year + SELF_DECIDING_AGE)
    except ValueError:  # born on 29 February
        return dob.replace(year=dob.year + SELF_DECIDING_AGE, day=28)


def school_year_start(day: datetime.date) -> datetime.date:
    month, first = SCHOOL_YEAR_STARTS
    start = datetime.date(day.year, month, first)
    return start if day >= start else start.replace(year=day.year - 1)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The day ``count`` working days (Monday to Friday) after ``day``: what the school
    publishes as "binnen N werkdagen". Holidays are not known here and count as working
    days, so the date is never later than what the guardian was promised."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def takedown_working_days(school_id: int) -> int:
    """The school's N of "wat al gepubliceerd is, haalt de school weg binnen N werkdagen"."""
    settings = ConsentSettings.objects.filter(school_id=school_id).first()
    return settings.takedown_working_days if settings else (
        ConsentSettings._meta.get_field("takedown_working_days").get_default())


@dataclass(frozen=True)
class Status:
    state: str  # given | refused | unknown
    source: str  # student | guardians | none
    may_appear: bool  # what the class list says, with the purpose's rule for silence
    needs_student_choice: bool  # 16 or older and has not answered themselves
    disagreement: bool  # the guardians' latest decisions differ


def status(student: Person, purpose: Purpose, day: datetime.date,
           decisions: Iterable[Decision], disagreement_rule: str) -> Status:
    """The status of one student for one purpose on ``day``, from their decisions."""
    first_day = school_year_start(day) if purpose.ask_each_year else datetime.date.min
    counting = [d for d in decisions
                if d.purpose_id == purpose.pk
                and first_day <= timezone.localdate(d.decided_at) <= day]
    counting.sort(key=lambda d: (d.decided_at, d.pk))
    own = [d for d in counting if d.decided_by_id == student.pk]
    by_guardians = [d for d in counting if d.decided_by_id != student.pk]
    silence_allows = purpose.silence == Purpose.Silence.MEANS_YES

    if decides_self(student, day):
        if own:
            state = own[-1].choice
            return Status(state, "student", state == Decision.Choice.GIVEN, False, False)
        latest = _guardians_latest(by_guardians)
        if Decision.Choice.REFUSED in latest.values():
            return Status("refused", "guardians", False, True, len(set(latest.values())) > 1)
        return Status("unknown", "none", silence_allows, True, False)

    latest = _guardians_latest(by_guardians)
    if not latest:
        return Status("unknown", "none", silence_allows, False, False)
    choices = set(latest.values())
    disagree = len(choices) > 1
    if disagree and disagreement_rule == ConsentSettings.Disagreement.REFUSAL_WINS:
        state = Decision.Choice.REFUSED
    else:
        state = by_guardians[-1].choice
    return Status(state, "guardians", state == Decision.Choice.GIVEN, False, disagree)


def _guardians_latest(decisions: Sequence[Decision]) -> dict[int | None, str]:
    """Each guardian's latest choice (decisions are in time order)."""
    latest: dict[int | None, str] = {}
    for decision in decisions:
        latest[decision.decided_by_id] = decision.choice
    return latest


def disagreement_rule(student: Person) -> str:
    settings = ConsentSettings.objects.filter(school_id=student.school_id).first()
    return settings.disagreement if settings else ConsentSettings.Disagreement.REFUSAL_WINS


def status_of(student: Person, purpose: Purpose, day: datetime.date) -> Status:
    decisions = Decision.objects.filter(student=student, purpose=purpose)
    return status(student, purpose, day, decisions, disagreement_rule(student))


# Which purpose a channel implies (the checker uses the register for tagged students).
CHANNEL_PURPOSES = {
    "school_website": "schoolwebsite",
    "class_group_app": "klassenapp",
    "whatsapp": "klassenapp",
    "yearbook": "jaarboek",
    "schoolgids": "schoolgids",
    "newsletter": "nieuwsbrief",
}
SOCIAL_MEDIA_PURPOSE = "sociale-media"


def purpose_code_for_channel(channel: str | None) -> str:
    """The purpose a post on ``channel`` needs consent for; any other channel is social
    media (shared/spec/situation.md names these four as not social media)."""
    return CHANNEL_PURPOSES.get(channel or "", SOCIAL_MEDIA_PURPOSE)


def consent_from_register(situation: Situation, membership: Membership | None,
                          day: datetime.date) -> Situation:
    """The situation with the register's consent for every student tagged by ``id``.

    A tagged student's consent comes from the register, for the purpose the channel
    implies; the register is the source of truth, whatever the situation stated. Students
    are looked up among the people the checker may see, so an id never reveals another
    family's choices beyond the verdict on this post. An id that is not such a student is
    refused, naming the field: nothing is guessed.
    """
    tagged = [(m, p) for m, media in enumerate(situation.media)
              for p, person in enumerate(media.people) if person.id is not None]
    if not tagged or membership is None:
        return situation
    wanted = {person_id for m, p in tagged
              if (person_id := situation.media[m].people[p].id or "").isdigit()}
    students = {str(s.pk): s for s in people_visible_to(membership).filter(
        role=Person.Role.LEERLING, pk__in=[int(i) for i in wanted])}
    problems = [Problem(f"post.media[{m}].people[{p}].id",
                        _("'%(id)s' is not a student you can tag.")
                        % {"id": situation.media[m].people[p].id})
                for m, p in tagged if situation.media[m].people[p].id not in students]
    if problems:
        raise SituationError(problems)
    code = purpose_code_for_channel(situation.channel)
    purposes = {p.school_id: p for p in Purpose.objects.filter(
        code=code, is_active=True, school_id__in={s.school_id for s in students.values()})}
    media = list(situation.media)
    for m, p in tagged:
        person = media[m].people[p]
        student = students[str(person.id)]
        purpose = purposes.get(student.school_id)
        if purpose is None:
            continue  # the school keeps no register for this purpose: the stated consent
        state = status_of(student, purpose, day).state
        people = list(media[m].people)
        people[p] = replace(person, role="student", consent=state)
        media[m] = replace(media[m], people=tuple(people))
    return replace(situation, media=tuple(media))
