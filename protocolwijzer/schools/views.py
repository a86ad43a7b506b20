from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from protocolwijzer.accounts.actions import do_invite_person
from protocolwijzer.accounts.forms import InvitationForm
from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.models import Action
from protocolwijzer.schools.access import (
    access_group,
    access_person,
    access_person_to_manage,
    groups_visible_to,
    people_of,
    require_membership,
    schools_of,
    stichtingen_visible_to,
)
from protocolwijzer.schools.actions import do_change_role
from protocolwijzer.schools.forms import RoleForm
from protocolwijzer.schools.policy import Right


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "schools/home.html",
                  {"stichtingen": stichtingen_visible_to(request.user)})


@login_required
def my_school(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(request, "schools/my_school.html", {
        "membership": membership,
        "schools": schools_of(request.user),
        "groups": groups_visible_to(request.user),
        "can_view_groups": membership.has(Right.VIEW_GROUPS),
        "can_view_audit_log": membership.has(Right.VIEW_AUDIT_LOG),
    })


@login_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id)
    people = list(people_of(request.user).filter(group=group))
    do_record(Action.PEOPLE_LISTED, actor=request.user, school=group.school_id, target=group,
              detail={"count": len(people)}, ip=ip_of(request))
    return render(request, "schools/group_detail.html", {"group": group, "people": people})


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    membership = require_membership(request.user)
    if person.user_id is None or person.user_id != request.user.pk:
        do_record(Action.PERSON_VIEWED, actor=request.user, school=person.school_id,
                  target=person, ip=ip_of(request))
    visible = people_of(request.user)
    can_manage = membership.has(Right.MANAGE_PEOPLE)
    return render(request, "schools/person_detail.html", {
        "person": person,
        "is_self": person.user_id is not None and person.user_id == request.user.pk,
        # Relations only as far as the viewer may see those people themselves.
        "children": visible.filter(guardians=person),
        "guardians": visible.filter(children=person),
        "can_manage": can_manage,
        "role_form": RoleForm(initial={"role": person.role}) if can_manage else None,
        "open_invitation": (person.invitations.filter(used_at=None, expires_at__gt=timezone.now())
                            .order_by("-created_at").first() if can_manage else None),
    })


@require_POST
@login_required
def person_role(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_to_manage(request.user, person_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
        return redirect("schools:person", person_id=person.pk)
    try:
        changed = do_change_role(request.user, person, form.cleaned_data["role"],
                                 ip=ip_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if changed:
            person.refresh_from_db(fields=["role"])
            messages.success(request, _("%(name)s is now: %(role)s.") % {
                "name": person.full_name, "role": person.get_role_display()})
    return redirect("schools:person", person_id=person.pk)


@login_required
def person_invite(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_to_manage(request.user, person_id)
    if person.user_id is not None:
        messages.info(request, _("%(name)s already has an account.") % {
            "name": person.full_name})
        return redirect("schools:person", person_id=person.pk)
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            invitation, _token = do_invite_person(request.user, person,
                                                  form.cleaned_data["email"], ip=ip_of(request))
        except ValidationError as error:
            form.add_error("email", error)
        except OSError:  # smtplib's errors included: the mail server did not take it
            form.add_error(None, _("The invitation could not be sent: the mail server did not "
                                   "answer. Nothing was saved; please try again later."))
        else:
            messages.success(request, _("The invitation has been sent to %(email)s. The link "
                                        "works once, for seven days.") % {
                "email": invitation.email})
            return redirect("schools:person", person_id=person.pk)
    return render(request, "schools/person_invite.html", {"person": person, "form": form})
