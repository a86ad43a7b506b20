from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from protocolwijzer.audit.access import events_visible_to, filter_events, people_named
from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.events import all_kinds
from protocolwijzer.audit.forms import CATEGORY_PREFIX, AuditFilterForm
from protocolwijzer.audit.models import Action
from protocolwijzer.audit.wording import by_day, lines_for
from protocolwijzer.schools.access import access_person, require_membership
from protocolwijzer.schools.models import Person

EVENTS_PER_PAGE = 50


def _codes(kind: str) -> list[str] | None:
    if not kind:
        return None
    if kind.startswith(CATEGORY_PREFIX):
        category = kind.removeprefix(CATEGORY_PREFIX)
        return [k.code for k in all_kinds() if k.category == category]
    return [kind]


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    events = events_visible_to(request.user)
    membership = require_membership(request.user)
    form = AuditFilterForm(request.GET or None)
    person: Person | None = None
    matches: list[Person] | None = None
    filters: list[str] = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        people: list[Person] | None = None
        if data["persoon"]:
            # The same door as the person's page: someone the reader may not see is 403/404.
            person = access_person(request.user, data["persoon"])
            people = [person]
        elif data["naam"].strip():
            matches = people_named(request.user, data["naam"])
            people = matches
            if len(matches) == 1:
                person = matches[0]
        events = filter_events(events, codes=_codes(data["soort"]), people=people,
                               start=data["van"], end=data["tot"])
        filters = [name for name in ("naam", "persoon", "soort", "van", "tot")
                   if data.get(name)]
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    # Read the page before recording this visit, or the new event would push one off it.
    page.object_list = list(page.object_list)
    lines = lines_for(membership, page.object_list)
    # The log itself holds other people's names, so reading it is an event too.
    school = membership.person.school_id if membership.person else None
    detail: dict[str, object] = {"page": page.number}
    if filters:
        detail["filters"] = filters
    if person is not None:
        detail["person"] = person.pk
    do_record(Action.AUDIT_LOG_VIEWED, actor=request.user, school=school, detail=detail,
              ip=ip_of(request))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "audit/log.html", {
        "page": page, "events": page.object_list, "days": by_day(lines), "form": form,
        "person": person, "matches": matches if matches and len(matches) > 1 else None,
        "no_match": matches == [], "filtering": bool(filters),
        "query": query.urlencode()})
