""""Wie mag niet op de foto?": the teacher's phone list (issue 14), and the service worker
that keeps an opened list readable without internet."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.trip import channels_of, choose_channel, trip_list
from protocolwijzer.schools.access import (
    access_group,
    groups_visible_to,
    people_of,
    require_right,
)
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Right

# The channel a teacher chose last, so that the list opens on it next time (two taps).
CHANNEL_KEY = "pw_trip_channel"
# How long a list opened online may be read offline (the service worker); it says when it
# was fetched, and a list from before today says so in words.
OFFLINE_HOURS = 24


def _group_ids(values: list[str]) -> list[int]:
    try:
        return list(dict.fromkeys(int(v) for v in values))
    except ValueError:
        raise Http404(_("There is no such group.")) from None


@login_required
@require_GET
def trip(request: HttpRequest) -> HttpResponse:
    """Step one: the groups this teacher may see, each one tap away; several at once for
    an outing with more groups."""
    require_right(request.user, Right.VIEW_GROUPS)
    groups = list(groups_visible_to(request.user).order_by("school__name", "name"))
    return render(request, "consent/trip.html", {
        "groups": groups,
        "several_schools": len({g.school_id for g in groups}) > 1,
        "channel": request.session.get(CHANNEL_KEY, ""),
    })


@login_required
@require_GET
def trip_together(request: HttpRequest) -> HttpResponse:
    """Several groups ticked on step one: the list of the first, with the others added."""
    require_right(request.user, Right.VIEW_GROUPS)
    ids = _group_ids(request.GET.getlist("groep"))
    if not ids:
        return redirect("consent:trip")
    query = [("en", i) for i in ids[1:]]
    if request.GET.get("kanaal"):
        query.append(("kanaal", request.GET["kanaal"]))
    url = reverse("consent:trip_list", args=[ids[0]])
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@login_required
@require_GET
def trip_group_list(request: HttpRequest, group_id: int) -> HttpResponse:
    """Step two: who of the group (and the groups added with ``en``) may not be shown on
    the chosen channel today."""
    group = access_group(request.user, group_id)
    groups = [group]
    for other_id in _group_ids(request.GET.getlist("en")):
        if other_id != group.pk:
            other = access_group(request.user, other_id)
            if other.school_id != group.school_id:
                # One school's register per list: its purposes are the channels.
                raise Http404(_("There is no such group."))
            groups.append(other)
    channels = channels_of(group.school_id)
    asked = request.GET.get("kanaal")
    purpose = choose_channel(channels, asked, request.session.get(CHANNEL_KEY))
    now = timezone.localtime()
    context = {"group": group, "groups": groups, "channels": channels, "purpose": purpose,
               "fetched_at": now, "offline_hours": OFFLINE_HOURS,
               "extra_query": urlencode([("en", g.pk) for g in groups[1:]])}
    if purpose is None:
        return render(request, "consent/trip_list.html", context)
    if asked == purpose.code:
        request.session[CHANNEL_KEY] = purpose.code
    students = people_of(request.user).filter(group__in=groups, role=Person.Role.LEERLING,
                                              is_active=True)
    result = trip_list(students, groups, purpose, now.date())
    do_record("consent_list_viewed", actor=request.user, school=group.school_id,
              target=group, detail={"students": result.total, "purpose": purpose.code,
                                    "groups": [g.pk for g in groups]})
    context["list"] = result
    return render(request, "consent/trip_list.html", context)


@require_GET
def trip_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the list's own address so that its scope is the
    list's pages and nothing else of the site."""
    response = render(request, "consent/trip_worker.js", {
        "offline_hours": OFFLINE_HOURS, "start": reverse("consent:trip"),
        "static_prefix": _static_prefix()},
        content_type="text/javascript; charset=utf-8")
    # A browser checks for a new worker at most once a day unless told otherwise.
    response["Cache-Control"] = "no-cache"
    return response


def _static_prefix() -> str:
    return "/" + settings.STATIC_URL.lstrip("/")
