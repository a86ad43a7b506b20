"""Twijfel pages: the one-click question from the checker's verdict (POST ``/vragen/stel/``),
one's questions (``/vragen/``) and one question with its answer (``/vragen/<id>/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.engine.explain import verdict_label
from protocolwijzer.incidents.access import access_question
from protocolwijzer.incidents.models import Question
from protocolwijzer.incidents.questions import (
    do_answer,
    do_ask,
    may_have_questions,
    questions_of,
    read_offer,
)
from protocolwijzer.incidents.reporting_forms import AnswerForm, AskForm
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import membership_for


def _staff_person(request: HttpRequest) -> Person:
    membership = membership_for(request.user)
    if not may_have_questions(membership):
        raise PermissionDenied(_("Only staff ask their leidinggevende here."))
    assert membership is not None and membership.person is not None
    return membership.person


@login_required
@require_POST
def ask(request: HttpRequest) -> HttpResponse:
    """The buttons under a verdict: the situation and verdict go along, signed by the
    server when the verdict was shown."""
    person = _staff_person(request)
    form = AskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The question could not be sent. Check the post again and "
                                  "ask from the new verdict."))
        return redirect("checks:check")
    try:
        offer = read_offer(form.cleaned_data["offer"], person)
        question = do_ask(asked_by=person, kind=form.cleaned_data["kind"],
                          situation=offer["situation"], verdict=offer["verdict"],
                          text=form.cleaned_data.get("text") or "",
                          article=str((offer.get("articles") or {}).get(
                              form.cleaned_data["kind"], "")))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("checks:check")
    messages.success(request, _("Sent to %(name)s. You see the answer on this page.")
                     % {"name": question.to.full_name})
    return redirect("incidents:question", question_id=question.pk)


@login_required
@require_http_methods(["GET", "HEAD"])
def questions(request: HttpRequest) -> HttpResponse:
    _staff_person(request)
    mine, to_me = questions_of(request.user)
    return render(request, "incidents/question_list.html", {
        "mine": mine[:100], "to_me": to_me[:100],
        "open_to_me": to_me.filter(answered_at=None).count()})


def _shown(question: Question) -> dict[str, Any]:
    """The situation and verdict as the page shows them: the text, where, the verdict in
    words and the findings with their articles."""
    verdict = question.verdict or {}
    post = (question.situation or {}).get("post") or {}
    code = verdict.get("verdict")
    return {
        "text": post.get("text") or "",
        "channel": post.get("channel") or "",
        "verdict": verdict_label(code) if code in ("allowed", "forbidden", "needs_changes",
                                                    "out_of_scope") else "",
        "verdict_code": code or "",
        "protocol": verdict.get("protocol", ""),
        "version": verdict.get("protocol_version", ""),
        "findings": [f for f in verdict.get("findings", []) if isinstance(f, dict)],
    }


@login_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, question_id: int) -> HttpResponse:
    found = access_question(request.user, question_id)
    membership = membership_for(request.user)
    person = membership.person if membership is not None else None
    is_addressee = person is not None and person.pk == found.to_id
    form = None
    if is_addressee and not found.answered_at:
        form = AnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            assert person is not None
            try:
                do_answer(found, form.cleaned_data["answer"], by=person)
            except ValidationError as error:
                form.add_error("answer", error.messages)
            else:
                messages.success(request, _("Your answer was sent."))
                return redirect("incidents:question", question_id=found.pk)
    return render(request, "incidents/question_detail.html", {
        "question": found, "shown": _shown(found), "form": form,
        "is_addressee": is_addressee})
