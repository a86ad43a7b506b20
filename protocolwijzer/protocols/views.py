from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from protocolwijzer.engine.explain import role_label
from protocolwijzer.protocols.access import (
    SchoolProtocol,
    access_acknowledging_person,
    access_current_protocol_version,
    access_school_protocol,
    acknowledgements_visible_to,
)
from protocolwijzer.protocols.actions import do_acknowledge
from protocolwijzer.protocols.forms import AcknowledgeForm, ArticleSearchForm
from protocolwijzer.protocols.models import Acknowledgement, ProtocolVersion
from protocolwijzer.schools.policy import Right

# The two tabs of the member's reader, as they appear in the address (?weergave=...).
TAB_FOR_ME = "voor-mij"
TAB_ALL = "alles"


def protocol_list(request: HttpRequest) -> HttpResponse:
    versions = (ProtocolVersion.objects.with_current_marker()
                .with_article_count().prefetch_related("schools"))
    return render(request, "protocols/protocol_list.html", {"versions": versions})


def protocol_detail(request: HttpRequest, protocol_id: str) -> HttpResponse:
    version = access_current_protocol_version(request.user, protocol_id)
    form = ArticleSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    articles = list(version.articles.matching(query))
    return render(request, "protocols/protocol_detail.html", {
        "version": version,
        "protocol": version.engine_protocol(),
        "form": form,
        "query": query,
        "match_count": len(articles),
        "sections": version.sections_with(articles, include_empty=not query),
    })


@login_required
def my_protocol(request: HttpRequest) -> HttpResponse:
    """The protocol in force at the member's school: what it means for them, and all of it."""
    current = access_school_protocol(request.user, Right.READ_PROTOCOL,
                                     request.GET.get("school"))
    version = current.version
    context = {"current": current, "school": current.school, "version": version,
               "role_label": role_label(current.membership.engine_role)}
    if version is None:
        return render(request, "protocols/reader.html", context)
    tab = TAB_ALL if request.GET.get("weergave") == TAB_ALL else TAB_FOR_ME
    form = ArticleSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    articles = list(version.articles.matching(query))
    if tab == TAB_FOR_ME:
        sections = version.sections_for_role(
            current.membership.engine_role,
            only=[a.article_id for a in articles] if query else None)
        match_count = sum(len(section.articles) for section in sections)
    else:
        sections = version.sections_with(articles, include_empty=not query)
        match_count = len(articles)
    context.update({
        "protocol": version.engine_protocol(), "tab": tab, "tab_for_me": TAB_FOR_ME,
        "tab_all": TAB_ALL, "form": form, "query": query, "match_count": match_count,
        "sections": sections, "keep_fields": _keep_fields(current, tab),
        **_acknowledgement_context(current)})
    return render(request, "protocols/reader.html", context)


def _keep_fields(current: SchoolProtocol, tab: str) -> list[tuple[str, object]]:
    """The hidden fields a search keeps: the tab, and a beheerder's chosen school."""
    fields: list[tuple[str, object]] = [("weergave", tab)]
    if current.choices:
        fields.append(("school", current.school.pk))
    return fields


def _acknowledgement_context(current: SchoolProtocol) -> dict[str, object]:
    person = current.membership.person
    version = current.version
    # A beheerder looking at another school of the stichting has nothing to confirm there.
    if (version is None or not current.membership.has(Right.ACKNOWLEDGE_PROTOCOL)
            or person is None or person.school_id != current.school.pk):
        return {"can_acknowledge": False}
    acknowledgement = Acknowledgement.objects.filter(person=person,
                                                     protocol_version=version).first()
    return {"can_acknowledge": True, "acknowledgement": acknowledgement,
            "acknowledges_as_student": current.membership.engine_role == "student",
            "acknowledge_form": AcknowledgeForm(initial={"version": version.pk})}


@login_required
@require_POST
def acknowledge(request: HttpRequest) -> HttpResponse:
    person = access_acknowledging_person(request.user)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Something went wrong. Please try again."))
        return redirect("protocols:mine")
    version = get_object_or_404(ProtocolVersion, pk=form.cleaned_data["version"])
    try:
        do_acknowledge(person, version)
    except ValidationError:
        messages.error(request, _("Your school now uses another version of the protocol. "
                                  "Read it first, then confirm again."))
    else:
        messages.success(request, _("Thank you. We have noted that you read this protocol."))
    return redirect("protocols:mine")


@login_required
def acknowledgement_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "protocols/acknowledgements.html",
                  {"schools": acknowledgements_visible_to(request.user)})
