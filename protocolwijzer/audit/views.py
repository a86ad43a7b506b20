from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from protocolwijzer.audit.access import events_visible_to
from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.models import Action
from protocolwijzer.schools.policy import membership_for

EVENTS_PER_PAGE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    events = events_visible_to(request.user)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    # Read the page before recording this visit, or the new event would push one off it.
    page.object_list = list(page.object_list)
    # The log itself holds other people's addresses, so reading it is an event too.
    membership = membership_for(request.user)
    school = membership.person.school_id if membership and membership.person else None
    do_record(Action.AUDIT_LOG_VIEWED, actor=request.user, school=school,
              detail={"page": page.number}, ip=ip_of(request))
    return render(request, "audit/log.html", {"page": page, "events": page.object_list})
