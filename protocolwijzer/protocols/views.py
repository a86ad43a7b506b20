from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.accounts.middleware import allow_unverified
from protocolwijzer.consent.guardian import (
    SESSION_KEY,
    GuardianLinkNotUsable,
    access_guardian_session,
    is_someone_else,
)
from protocolwijzer.consent.guardian_views import not_stored
from protocolwijzer.engine.explain import role_label
from protocolwijzer.protocols.access import (
    SchoolProtocol,
    access_acknowledgement_settings,
    access_acknowledging_person,
    access_current_protocol_version,
    access_school_protocol,
    access_school_to_remind,
    acknowledgements_visible_to,
    may_acknowledge,
)
from protocolwijzer.protocols.acknowledging import (
    Audience,
    do_ask_to_acknowledge,
    do_remind_to_acknowledge,
    do_set_acknowledgement_settings,
    parents_are_asked,
    reminder_plan,
)
from protocolwijzer.protocols.actions import do_acknowledge
from protocolwijzer.protocols.forms import (
    AcknowledgeForm,
    AcknowledgementSettingsForm,
    ArticleSearchForm,
    ReminderForm,
)
from protocolwijzer.protocols.models import (
    Acknowledgement,
    AcknowledgementSettings,
    ProtocolVersion,
)
from protocolwijzer.schools.policy import Right

# The two tabs of the member's reader, as they appear in the address (?weergave=...).
TAB_FOR_ME = "voor-mij"
TAB_ALL = "alles"


def protocol_list(request: HttpRequest) -> HttpResponse:
    versions = (ProtocolVersion.objects.published().with_current_marker()
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
    if (version is None or not may_acknowledge(current.membership)
            or person is None or person.school_id != current.school.pk):
        return {"can_acknowledge": False}
    acknowledgement = Acknowledgement.objects.filter(person=person,
                                                     protocol_version=version).first()
    return {"can_acknowledge": True, "acknowledgement": acknowledgement,
            "acknowledges_as_student": current.membership.engine_role == "student",
            "acknowledges_as_parent": current.membership.engine_role == "parent",
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


@login_required
@require_POST
def ask_to_acknowledge(request: HttpRequest, school_id: int) -> HttpResponse:
    """"Vraag iedereen om te lezen": asks everyone not asked about the version in force
    yet (those who joined later, parents after the school switched asking them on)."""
    school = access_school_to_remind(request.user, school_id)
    if school.protocol is None:
        messages.error(request, _("No protocol has been chosen for this school yet."))
        return redirect("protocols:acknowledgements")
    asked = do_ask_to_acknowledge(school, school.protocol, by=request.user)
    if asked:
        messages.success(request, ngettext(
            "%(count)s person has been asked to read the protocol.",
            "%(count)s people have been asked to read the protocol.", asked)
            % {"count": asked})
    else:
        messages.info(request, _("Everyone who can be reached was already asked to read "
                                 "this version. Send a reminder instead."))
    return redirect("protocols:acknowledgements")


def _audience(form: ReminderForm) -> Audience | None:
    value = form.cleaned_data.get("voor") or ""
    return Audience(value) if value else None


@login_required
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest, school_id: int) -> HttpResponse:
    """The reminder: first how many people it reaches (GET), then sending it (POST)."""
    school = access_school_to_remind(request.user, school_id)
    version = school.protocol
    if version is None:
        messages.error(request, _("No protocol has been chosen for this school yet."))
        return redirect("protocols:acknowledgements")
    data = request.POST if request.method == "POST" else request.GET
    form = ReminderForm(data or None, school=school, parents_asked=parents_are_asked(school))
    if data and not form.is_valid():
        return render(request, "protocols/remind.html",
                      {"school": school, "version": version, "form": form}, status=400)
    audience = _audience(form) if data else None
    group_pk = form.cleaned_data.get("groep") if data else None
    group = school.groups.filter(pk=group_pk).first() if group_pk else None
    if request.method == "POST":
        result = do_remind_to_acknowledge(school, version, by=request.user,
                                          audience=audience, group=group)
        if result.sent:
            messages.success(request, ngettext(
                "A reminder was sent to %(count)s person.",
                "A reminder was sent to %(count)s people.", result.sent)
                % {"count": result.sent})
        elif result.contacted_today:
            messages.error(request, ngettext(
                "No reminder was sent: the %(count)s person who has not confirmed was "
                "already asked or reminded today. Nobody gets more than one message a "
                "day; try again tomorrow.",
                "No reminder was sent: the %(count)s people who have not confirmed were "
                "already asked or reminded today. Nobody gets more than one message a "
                "day; try again tomorrow.", result.contacted_today)
                % {"count": result.contacted_today})
        else:
            messages.info(request, _("No reminder was sent: there is nobody to remind."))
        return redirect("protocols:acknowledgements")
    return render(request, "protocols/remind.html", {
        "school": school, "version": version, "form": form, "group": group,
        "audience": audience,
        "plan": reminder_plan(school, version, audience=audience, group=group)})


@login_required
@require_http_methods(["GET", "POST"])
def acknowledgement_settings(request: HttpRequest, school_id: int) -> HttpResponse:
    school = access_acknowledgement_settings(request.user, school_id)
    current = AcknowledgementSettings.for_school(school.pk)
    # An unticked box sends no field at all: a POST without data still means "off".
    form = AcknowledgementSettingsForm(request.POST if request.method == "POST" else None,
                                       instance=current)
    if request.method == "POST" and form.is_valid():
        do_set_acknowledgement_settings(school, ask_parents=form.cleaned_data["ask_parents"],
                                        by=request.user)
        messages.success(request, _("The settings are saved."))
        return redirect("protocols:acknowledgements")
    return render(request, "protocols/acknowledgement_settings.html",
                  {"school": school, "form": form})


@allow_unverified
@require_http_methods(["GET", "POST"])
@not_stored
def guardian_protocol(request: HttpRequest) -> HttpResponse:
    """What the protocol in force means for parents, for a parent who came with their
    guardian link (no account): the session says who they are, as on the guardian's
    consent page, which also handles a link that no longer works or someone else signed
    in (it shows why, and audits a refusal)."""
    try:
        link = access_guardian_session(request.session.get(SESSION_KEY))
    except GuardianLinkNotUsable:
        return redirect("consent:guardian_page")
    if is_someone_else(request.user, link):
        return redirect("consent:guardian_page")
    guardian = link.guardian
    school = guardian.school
    version = school.protocol
    may_confirm = version is not None and parents_are_asked(school)
    if request.method == "POST":
        form = AcknowledgeForm(request.POST)
        if not may_confirm or not form.is_valid():
            raise PermissionDenied(_("Your school does not ask parents to confirm."))
        confirmed = get_object_or_404(ProtocolVersion, pk=form.cleaned_data["version"])
        try:
            do_acknowledge(guardian, confirmed)
        except ValidationError:
            # The guardian's layout shows no messages: the page says it from the address.
            return redirect(reverse("protocols:guardian") + "?andere-versie=1")
        return redirect("protocols:guardian")
    context: dict[str, object] = {"school": school, "version": version,
                                  "guardian": guardian, "can_acknowledge": may_confirm,
                                  "other_version": request.GET.get("andere-versie") == "1"}
    if version is not None:
        context.update({
            "sections": version.sections_for_role("parent"),
            "role_label": role_label("parent"),
            "acknowledgement": Acknowledgement.objects.filter(
                person=guardian, protocol_version=version).first(),
            "acknowledges_as_parent": True,
            "acknowledge_form": AcknowledgeForm(initial={"version": version.pk})})
    return render(request, "protocols/guardian_protocol.html", context)
