"""Pages of the publication log and the take-down tasks (issue 14)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.models import Purpose
from protocolwijzer.consent.register import takedown_working_days
from protocolwijzer.engine.explain import verdict_label
from protocolwijzer.publications.access import (
    access_publication,
    access_publication_settings,
    access_publication_to_take_offline,
    access_takedown_task,
    may_manage_takedowns,
    may_set_publication_settings,
    publications_of,
    takedown_tasks_of,
)
from protocolwijzer.publications.actions import (
    do_complete_takedown,
    do_log_publication,
    do_set_takedown_terms,
    do_take_publication_offline,
    may_appear_on,
    purposes_for,
)
from protocolwijzer.publications.forms import (
    OTHER_CHANNEL,
    CompleteTakedownForm,
    PublicationForm,
    TakedownTermsForm,
)
from protocolwijzer.publications.models import (
    DEFAULT_LOG_RETENTION_MONTHS,
    Publication,
    PublicationSettings,
    TakedownTask,
)
from protocolwijzer.schools.access import groups_visible_to, people_of, require_right
from protocolwijzer.schools.models import Group, Person
from protocolwijzer.schools.policy import Right

PER_PAGE = 30
# How long after a check its "ik heb het gepubliceerd" still finds it.
CHECK_FRESH_FOR = datetime.timedelta(hours=24)
DONE_TASKS_SHOWN = 30


def _recent_allowed_checks(request: HttpRequest) -> QuerySet[CheckRecord]:
    since = timezone.now() - CHECK_FRESH_FOR
    return CheckRecord.objects.filter(user_id=request.user.pk, created_at__gte=since,
                                      verdict=CheckRecord.Verdict.ALLOWED)


def _check_for(request: HttpRequest, check_id: Any) -> CheckRecord | None:
    """The user's own recent allowed check with this id, if any (the id comes from the
    page, so it is looked up among their own checks only)."""
    if not str(check_id or "").isdigit():
        return None
    return _recent_allowed_checks(request).filter(pk=int(check_id)).first()


def _latest_check(request: HttpRequest, channel: str) -> CheckRecord | None:
    """The check the checker's "ik heb het gepubliceerd" comes from: the user's newest
    allowed check (on ``channel`` when the link names one)."""
    checks = _recent_allowed_checks(request).order_by("-created_at", "-pk")
    if channel:
        checks = checks.filter(situation__channel=channel)
    return checks.first()


def _initial_group(request: HttpRequest, groups: QuerySet[Group]) -> Group | None:
    """A mentor starts with their own group; anyone linked to one group with it."""
    person = getattr(request.user, "person", None)
    if person is not None and person.group_id and groups.filter(pk=person.group_id).exists():
        return groups.get(pk=person.group_id)
    only = list(groups[:2])
    return only[0] if len(only) == 1 else None


@dataclass(frozen=True)
class StudentRow:
    student: Person
    checked: bool
    may_appear: bool | None  # None: no channel chosen yet


def _student_rows(shown: list[Person], checked: set[int], purposes: list[Purpose] | None,
                  ) -> list[StudentRow]:
    today = timezone.localdate()
    return [StudentRow(s, s.pk in checked,
                       None if purposes is None else may_appear_on(s, purposes, today))
            for s in shown]


@login_required
@require_http_methods(["GET", "POST"])
def new_publication(request: HttpRequest) -> HttpResponse:
    """"Ik heb het gepubliceerd": what, where, when and who is on it. Reached from the
    checker's "allowed" result (``?kanaal=``) and from the log."""
    require_right(request.user, Right.LOG_PUBLICATION)
    groups = groups_visible_to(request.user).order_by("school__name", "name")
    visible = people_of(request.user).filter(role=Person.Role.LEERLING, is_active=True)
    # "Toon de leerlingen" re-shows the form with another class; any other submit saves.
    saving = request.method == "POST" and "toon" not in request.POST
    source = request.POST if request.method == "POST" else request.GET

    group_id = str(source.get("group") or source.get("groep") or "")
    if group_id.isdigit():
        group = groups.filter(pk=int(group_id)).first()
    else:
        group = None if request.method == "POST" else _initial_group(request, groups)
    checked = {int(i) for i in source.getlist("students") if i.isdigit()}
    in_group = Q(group=group) if group is not None else Q(pk__in=[])
    shown = list(visible.filter(in_group | Q(pk__in=checked)).distinct()
                 .order_by("last_name", "first_name"))

    if request.method == "GET":
        channel = source.get("kanaal", "")
        check = _latest_check(request, channel) if "kanaal" in source else None
        media = ((check.situation.get("post") or {}).get("media") or []) if check else []
        initial = {"published_on": timezone.localdate(), "group": group,
                   "channel": channel or (OTHER_CHANNEL if "kanaal" in source else ""),
                   "kind": (Publication.Kind.VIDEO
                            if any(m.get("kind") == "video" for m in media)
                            else Publication.Kind.PHOTO),
                   "check_record": check.pk if check else None}
        form = PublicationForm(initial=initial, groups=groups, students=visible,
                               shown_students=shown)
    elif saving:
        form = PublicationForm(request.POST, groups=groups, students=visible,
                               shown_students=shown)
    else:  # "Toon de leerlingen": the same values again, with this group's pupils
        values = {name: request.POST.get(name) for name in
                  ("description", "kind", "channel", "link", "published_on",
                   "check_record")}
        form = PublicationForm(initial={**values, "group": group}, groups=groups,
                               students=visible, shown_students=shown)
    check = _check_for(request, (form.data if form.is_bound else form.initial)
                       .get("check_record"))

    if saving and form.is_valid():
        students = list(form.cleaned_data["students"])
        schools = {s.school_id for s in students}
        if not students:
            form.add_error("students", _(
                "Tick the students who are on it. Is no student on it? Then there is "
                "nothing to log."))
        elif len(schools) > 1:
            form.add_error("students", _("Log a publication for one school at a time."))
        else:
            school = students[0].school
            try:
                publication = do_log_publication(
                    school=school, by=request.user, channel=form.channel_code(),
                    link=form.cleaned_data["link"], published_at=form.published_at(),
                    students=students, description=form.cleaned_data["description"],
                    check=check, kind=form.cleaned_data["kind"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                tasks = publication.takedown_tasks.count()
                messages.success(request, _("The publication is in the log."))
                if tasks:
                    messages.warning(request, _(
                        "Not every student on it may be shown there. Communicatie got a "
                        "task to take it down."))
                return redirect("publications:detail", publication_id=publication.pk)

    # Whether each shown pupil may be shown there, once the channel is known.
    values = form.data if form.is_bound else form.initial
    channel_value = str(values.get("channel") or "")
    purposes = None
    if channel_value and shown:
        channel = "" if channel_value == OTHER_CHANNEL else channel_value
        purposes = purposes_for(shown[0].school_id, channel,
                                str(values.get("kind") or Publication.Kind.PHOTO))
        do_record("consent_list_viewed", actor=request.user, school=shown[0].school_id,
                  target=group, detail={"students": len(shown), "via": "publication"},
                  ip=ip_of(request))
    rows = _student_rows(shown, checked, purposes)
    return render(request, "publications/new.html", {
        "form": form, "group": group, "check": check, "rows": rows,
        "any_refused": any(row.may_appear is False for row in rows)})


@login_required
def publication_list(request: HttpRequest) -> HttpResponse:
    publications = (publications_of(request.user)
                    .annotate(student_count=Count("students", distinct=True),
                              open_tasks=Count("takedown_tasks", distinct=True,
                                               filter=Q(takedown_tasks__status="open")))
                    .order_by("-published_at", "-pk"))
    page = Paginator(publications, PER_PAGE).get_page(request.GET.get("pagina"))
    manages = may_manage_takedowns(request.user)
    do_record("publications_listed", actor=request.user, school=_own_school(request),
              detail={"page": page.number, "publications": len(page.object_list)},
              ip=ip_of(request))
    return render(request, "publications/list.html", {
        "page": page, "publications": page.object_list, "manages": manages,
        "open_tasks": (takedown_tasks_of(request.user).filter(status="open").count()
                       if manages else 0)})


def _own_school(request: HttpRequest) -> int | None:
    person = getattr(request.user, "person", None)
    return person.school_id if person is not None else None


@login_required
def publication_detail(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = access_publication(request.user, publication_id)
    visible = set(people_of(request.user).values_list("pk", flat=True))
    students = list(publication.students.select_related("group")
                    .order_by("last_name", "first_name"))
    tasks = {t.student_id: t for t in publication.takedown_tasks.order_by("created_at")}
    do_record("publication_viewed", actor=request.user, school=publication.school_id,
              target=publication, detail={"students": len(students)}, ip=ip_of(request))
    return render(request, "publications/detail.html", {
        "publication": publication,
        "rows": [(s, tasks.get(s.pk)) for s in students if s.pk in visible],
        "hidden": sum(s.pk not in visible for s in students),
        "purposes": publication.purposes.all(), "manages": may_manage_takedowns(request.user),
        "today": timezone.localdate(),
        "check_label": (verdict_label(publication.check_record.verdict)
                        if publication.check_record else "")})


@login_required
@require_POST
def take_offline(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = access_publication_to_take_offline(request.user, publication_id)
    closed = do_take_publication_offline(publication, by=request.user)
    messages.success(request, _("The publication is marked as no longer online."))
    if closed:
        messages.info(request, _("Its open take-down tasks are done with it."))
    return redirect("publications:detail", publication_id=publication.pk)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    tasks = takedown_tasks_of(request.user)
    today = timezone.localdate()
    open_tasks = list(tasks.filter(status=TakedownTask.Status.OPEN).order_by("due_on", "pk"))
    finished = list(tasks.exclude(status=TakedownTask.Status.OPEN)
                    .order_by("-done_at", "-pk")[:DONE_TASKS_SHOWN])
    do_record("takedown_tasks_listed", actor=request.user, school=_own_school(request),
              detail={"open": len(open_tasks)}, ip=ip_of(request))
    schools = {t.publication.school for t in open_tasks + finished}
    return render(request, "publications/tasks.html", {
        "open_tasks": open_tasks, "finished": finished, "today": today,
        "overdue": sum(t.is_overdue(today) for t in open_tasks),
        "settings_school": _settings_school(request, schools)})


def _settings_school(request: HttpRequest, schools: set[Any]) -> Any:
    """The school whose take-down term this user may set from the task page."""
    if not may_set_publication_settings(request.user):
        return None
    person = getattr(request.user, "person", None)
    if person is not None:
        return person.school
    return sorted(schools, key=lambda s: s.name)[0] if schools else None


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access_takedown_task(request.user, task_id)
    form = CompleteTakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_complete_takedown(task, by=request.user, outcome=form.cleaned_data["outcome"],
                                 replacement_link=form.cleaned_data["replacement_link"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _(
                "Done: %(name)s is off “%(what)s”. The audit log keeps who did it and "
                "when.") % {"name": task.student.full_name,
                             "what": task.publication.description})
            return redirect("publications:tasks")
    if request.method == "GET":
        do_record("takedown_task_viewed", actor=request.user,
                  school=task.publication.school_id, target=task.student,
                  detail={"task": task.pk, "publication": task.publication_id},
                  ip=ip_of(request))
    return render(request, "publications/task.html", {
        "task": task, "form": form, "today": timezone.localdate(),
        "purposes": task.publication.purposes.all(),
        "others_open": task.publication.takedown_tasks.filter(
            status=TakedownTask.Status.OPEN).exclude(pk=task.pk).count()})


@login_required
@require_http_methods(["GET", "POST"])
def publication_settings(request: HttpRequest, school_id: int) -> HttpResponse:
    school = access_publication_settings(request.user, school_id)
    log = PublicationSettings.objects.filter(school=school).first()
    form = TakedownTermsForm(request.POST or None, initial={
        "working_days": takedown_working_days(school.pk),
        "retention_months": log.retention_months if log else DEFAULT_LOG_RETENTION_MONTHS})
    if request.method == "POST" and form.is_valid():
        do_set_takedown_terms(school, by=request.user,
                              working_days=form.cleaned_data["working_days"],
                              retention_months=form.cleaned_data["retention_months"])
        messages.success(request, _("The settings are saved."))
        return redirect("publications:settings", school_id=school.pk)
    return render(request, "publications/settings.html", {"school": school, "form": form})
