"""The school's own versions of its protocol (issue 16): the list, copying, the editor
with its check as you type and its changes in practice, and the steps from concept to
in force. Thin views over ``protocols.lifecycle`` and ``protocols.editing``."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import compiled_protocol
from protocolwijzer.protocols.access import (
    SchoolProtocol,
    access_adoption,
    access_school_protocol,
    adoptions_visible_to,
)
from protocolwijzer.protocols.avg_check import Advice, avg_check
from protocolwijzer.protocols.changes import changes_in_practice, wording_changes
from protocolwijzer.protocols.editing import (
    ARTICLE_FIELDS,
    CLAUSE,
    ArticleEdits,
    EditError,
    Located,
    apply_article_edits,
    apply_edits,
    article_texts,
    articles_for_editing,
    own_rules,
    problems_of,
    remove_article,
    sections_for_adding,
)
from protocolwijzer.protocols.forms import (
    AdoptForm,
    ArticleAddForm,
    CopyForm,
    DecisionForm,
    InForceForm,
    SubmitForm,
    add_action_errors,
)
from protocolwijzer.protocols.lifecycle import (
    body_label,
    do_add_article,
    do_adopt,
    do_copy_protocol,
    do_delete_concept,
    do_put_in_force,
    do_record_instemming,
    do_remove_article,
    do_submit,
    do_update_concept,
    stage_of,
)
from protocolwijzer.protocols.lifecycle import today as lifecycle_today
from protocolwijzer.protocols.models import (
    Adoption,
    ProtocolVersion,
)
from protocolwijzer.schools.access import require_right
from protocolwijzer.schools.policy import Membership, Right

# The roles an article's rules bind, as the editor's tick boxes show them.
EDITOR_ROLES = [("staff", _lazy("staff")), ("student", _lazy("students")),
                ("parent", _lazy("parents")), ("other", _lazy("others involved"))]


def _school_for_versions(request: HttpRequest, right: Right | None = None) -> SchoolProtocol:
    user = request.user
    if right is None:
        membership = require_right(user, Right.READ_PROTOCOL)
        right = (Right.MANAGE_PROTOCOL if membership.has(Right.MANAGE_PROTOCOL)
                 else Right.REVIEW_PROTOCOL)
    return access_school_protocol(user, right, request.POST.get("school")
                                  or request.GET.get("school"))


def _starting_points(current: SchoolProtocol) -> list[tuple[int, str]]:
    """What a concept may be copied from: the version in force, then the built-in files."""
    choices: list[tuple[int, str]] = []
    if current.version is not None:
        choices.append((current.version.pk, _("%(title)s, version %(version)s (in force)")
                        % {"title": current.version.title,
                           "version": current.version.version}))
    for version in (ProtocolVersion.objects.published().filter(is_builtin=True)
                    .order_by("protocol_id", "-loaded_at", "-pk")):
        if version.pk not in dict(choices) and not any(
                label.startswith(version.title) and version.is_builtin
                for pk, label in choices[1:]):
            choices.append((version.pk, _("%(title)s of %(organisation)s (model)")
                            % {"title": version.title,
                               "organisation": version.organisation}))
    return choices


@login_required
def adoptions(request: HttpRequest) -> HttpResponse:
    """The school's versions and concepts with their stage; copying starts a concept."""
    current = _school_for_versions(request)
    membership = current.membership
    rows = [(adoption, stage_of(adoption)) for adoption in
            adoptions_visible_to(membership, current.school)]
    can_manage = membership.has(Right.MANAGE_PROTOCOL)
    return render(request, "protocols/adoptions.html", {
        "current": current, "school": current.school, "version": current.version,
        "rows": rows, "can_manage": can_manage,
        "copy_form": CopyForm(versions=_starting_points(current)) if can_manage else None})


@login_required
@require_POST
def adoption_copy(request: HttpRequest) -> HttpResponse:
    current = _school_for_versions(request, Right.MANAGE_PROTOCOL)
    form = CopyForm(request.POST, versions=_starting_points(current))
    if not form.is_valid():
        messages.error(request, _("Choose the protocol to start from."))
        return redirect("protocols:adoptions")
    version = get_object_or_404(ProtocolVersion, pk=form.cleaned_data["version"])
    adoption = do_copy_protocol(current.school, version, by=request.user)
    messages.success(request, _("A concept has been made. Adapt it here; nothing changes "
                                "for the school until a version is put in force."))
    return redirect("protocols:edit", pk=adoption.pk)


def _typed_edits(data: QueryDict) -> dict[int, tuple[list[str], str]]:
    """The rules as the editor's form sends them: rule-<n>-roles and rule-<n>-yaml."""
    edits: dict[int, tuple[list[str], str]] = {}
    for key in data:
        if key.startswith("rule-") and key.endswith("-yaml"):
            number = key[len("rule-"):-len("-yaml")]
            if number.isdigit():
                edits[int(number)] = (data.getlist(f"rule-{number}-roles"),
                                      data.get(key, "").replace("\r\n", "\n"))
    return edits


def _typed_article_edits(data: QueryDict) -> dict[int, dict[str, str]]:
    """What was typed for the articles: article-<n>-title, -text, -summary and
    article-<n>-clause-<id>, by the article's place in reading order."""
    edits: dict[int, dict[str, str]] = {}
    for key in data:
        match = _ARTICLE_FIELD.match(key)
        if match is None:
            continue
        name = match["field"]
        if name.startswith("clause-"):
            name = CLAUSE + name[len("clause-"):]
        elif name not in ARTICLE_FIELDS:
            continue
        edits.setdefault(int(match["index"]), {})[name] = data.get(key, "")
    return edits


_ARTICLE_FIELD = re.compile(r"^article-(?P<index>\d+)-(?P<field>[a-z]+(?:-[a-z0-9]+)?)$")


def _edited_text(adoption: Adoption, data: QueryDict) -> tuple[str | None, list[Located]]:
    """The concept with what was typed, and what is wrong with it: the articles' texts and
    the rules are checked apart, so every problem is named at once."""
    problems: list[Located] = []
    text = adoption.source_yaml
    try:
        text = apply_article_edits(text, _typed_article_edits(data))
    except EditError as exc:
        problems += exc.problems
    try:
        text = apply_edits(text, _typed_edits(data))
    except EditError as exc:
        problems += exc.problems
    except ProtocolError as exc:
        problems += [Located("", problem.message) for problem in exc.problems]
    if problems:
        return None, problems
    return text, problems_of(text)[1]


def _advice_of(text: str) -> list[Advice]:
    """The AVG check of a concept's or version's articles, as they read now."""
    return avg_check(article_texts(text))


def _keep_typed(articles: list[Any], data: QueryDict) -> None:
    """Shows a refused form as it was typed, not as it was saved."""
    typed = _typed_edits(data)
    typed_articles: ArticleEdits = _typed_article_edits(data)
    for article in articles:
        for rule in article.rules:
            if rule.index in typed:
                rule.roles, rule.yaml_text = typed[rule.index]
        fields = typed_articles.get(article.index, {})
        for name in ARTICLE_FIELDS:
            if name in fields:
                setattr(article, name, fields[name].replace("\r\n", "\n"))
        for clause in article.clauses:
            if CLAUSE + clause.id in fields:
                clause.text = fields[CLAUSE + clause.id]


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A concept per article: its title, verbatim text and summary beside its rules'
    settings (the roles as tick boxes, the rest as YAML), checked as one types, saved only
    when valid, with the AVG check of the text as it reads."""
    adoption, _membership = access_adoption(request.user, pk, to_change=True)
    if adoption.status != Adoption.Status.CONCEPT:
        return redirect("protocols:adoption", pk=adoption.pk)
    problems: list[Located] = []
    articles = articles_for_editing(adoption.source_yaml)
    if request.method == "POST":
        text, problems = _edited_text(adoption, request.POST)
        if text is not None and not problems:
            try:
                do_update_concept(adoption, text, by=request.user)
            except ValidationError as exc:
                problems = [Located("", m) for m in exc.messages]
            else:
                messages.success(request, _("The concept has been saved."))
                return redirect("protocols:edit", pk=adoption.pk)
        _keep_typed(articles, request.POST)
        messages.error(request, _("Nothing has been saved: the protocol is not valid yet. "
                                  "See the problems below."))
    return render(request, "protocols/edit.html",
                  _editor_context(adoption, articles=articles, problems=problems))


def _editor_context(adoption: Adoption, *, articles: list[Any] | None = None,
                    problems: list[Located] | None = None,
                    add_form: ArticleAddForm | None = None) -> dict[str, Any]:
    problems = problems or []
    if add_form is None:
        add_form = ArticleAddForm(sections=sections_for_adding(adoption.source_yaml))
    return {
        "adoption": adoption, "school": adoption.school,
        "articles": (articles if articles is not None
                     else articles_for_editing(adoption.source_yaml)),
        "problems": problems, "roles": EDITOR_ROLES,
        "problem_articles": {p.article for p in problems if p.article is not None},
        "advice": _advice_of(adoption.source_yaml), "add_form": add_form,
        "next_ids": add_form.next_ids}


@login_required
@require_POST
def article_add(request: HttpRequest, pk: int) -> HttpResponse:
    """"Artikel toevoegen": a new article in a chosen place of the concept, saved at once;
    on a refusal the editor again, with the form as typed and what is missing."""
    adoption, _membership = access_adoption(request.user, pk, to_change=True)
    if adoption.status != Adoption.Status.CONCEPT:
        messages.error(request, _("Only a concept can be changed; this version has been "
                                  "submitted already."))
        return redirect("protocols:adoption", pk=adoption.pk)
    sections = sections_for_adding(adoption.source_yaml)
    form = ArticleAddForm(request.POST, sections=sections)
    if form.is_valid():
        section, after = form.placed(sections)
        article_id = form.cleaned_data["article_id"].strip()
        try:
            do_add_article(adoption, section=section, after=after, article_id=article_id,
                           title=form.cleaned_data["title"], text=form.cleaned_data["text"],
                           summary=form.cleaned_data["summary"], by=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Article %(id)s has been added. It explains and has "
                                        "no rules yet.") % {"id": article_id})
            return redirect(reverse("protocols:edit", kwargs={"pk": adoption.pk})
                            + f"#artikel-{article_id}")
    adoption.refresh_from_db()
    messages.error(request, _("The article has not been added. See below what is missing."))
    return render(request, "protocols/edit.html", _editor_context(adoption, add_form=form),
                  status=400)


@login_required
@require_http_methods(["GET", "POST"])
def article_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """"Artikel verwijderen": first the question (GET), then the removal (POST). The
    question already says it when something refers to the article, and offers no button."""
    adoption, _membership = access_adoption(request.user, pk, to_change=True)
    if adoption.status != Adoption.Status.CONCEPT:
        messages.error(request, _("Only a concept can be changed; this version has been "
                                  "submitted already."))
        return redirect("protocols:adoption", pk=adoption.pk)
    data = request.POST if request.method == "POST" else request.GET
    article_id = data.get("artikel", "")
    article = next((a for a in articles_for_editing(adoption.source_yaml)
                    if a.id == article_id), None)
    if article is None:
        messages.error(request, _("There is no article %(id)s in this concept.")
                       % {"id": article_id})
        return redirect("protocols:edit", pk=adoption.pk)
    if request.method == "POST":
        try:
            do_remove_article(adoption, article_id, by=request.user)
        except ValidationError as exc:
            refusal: str | None = " ".join(exc.messages)
        else:
            messages.success(request, _("Article %(id)s has been removed from the concept.")
                             % {"id": article_id})
            return redirect("protocols:edit", pk=adoption.pk)
    else:
        try:
            remove_article(adoption.source_yaml, article_id)  # only to ask; nothing saved
            refusal = None
        except ValidationError as exc:
            refusal = " ".join(exc.messages)
    return render(request, "protocols/article_remove.html",
                  {"adoption": adoption, "school": adoption.school, "article": article,
                   "refusal": refusal, "rules": own_rules(adoption.source_yaml, article_id)},
                  status=400 if refusal and request.method == "POST" else 200)


@login_required
@require_POST
def edit_check(request: HttpRequest, pk: int) -> JsonResponse:
    """The editor's check as one types: the same validation as `protocols validate`, and
    the AVG check of the articles as they read now (also while the rules are not valid)."""
    adoption, _membership = access_adoption(request.user, pk, to_change=True)
    text, problems = _edited_text(adoption, request.POST)
    answer: dict[str, Any] = {"valid": not problems,
                              "problems": [problem.to_dict() for problem in problems]}
    if text is not None:
        advice = _advice_of(text)
        answer["advice"] = [item.to_dict() for item in advice]
        answer["advice_html"] = render_to_string("protocols/_avg_advice.html",
                                                 {"advice": advice}, request=request)
    return JsonResponse(answer)


@login_required
@require_POST
def edit_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """What the typed concept changes in practice against the version it was copied from."""
    adoption, _membership = access_adoption(request.user, pk, to_change=True)
    text, problems = _edited_text(adoption, request.POST)
    sentences: list[str] | None = None
    if text is not None and not problems and adoption.based_on is not None:
        sentences = changes_in_practice(adoption.based_on.engine_protocol(),
                                        compiled_protocol(text, filename="concept.yaml"))
    return render(request, "protocols/_changes.html",
                  {"sentences": sentences, "adoption": adoption, "invalid": bool(problems)})


@login_required
def adoption(request: HttpRequest, pk: int) -> HttpResponse:
    """One version's stage, what it changes in practice, the decisions on it, and for the
    schoolleiding the form of the next step."""
    adoption, membership = access_adoption(request.user, pk)
    return render(request, "protocols/adoption.html",
                  _adoption_context(adoption, membership))


def _adoption_context(adoption: Adoption, membership: Membership,
                      **forms_given: Any) -> dict[str, Any]:
    sentences = None
    wording = None
    if adoption.based_on is not None and adoption.version is not None:
        before, after = adoption.based_on.engine_protocol(), adoption.version.engine_protocol()
        sentences = changes_in_practice(before, after)
        wording = wording_changes(before, after)
    can_manage = membership.has(Right.MANAGE_PROTOCOL)
    forms: dict[str, Any] = {}
    if can_manage:
        status = adoption.status
        if status == Adoption.Status.CONCEPT:
            forms["submit_form"] = SubmitForm()
        elif status == Adoption.Status.SUBMITTED:
            forms["decision_form"] = DecisionForm(bodies=adoption.submitted_to)
            forms["adopt_form"] = AdoptForm()
        elif adoption.in_force_from is None or adoption.in_force_from > lifecycle_today():
            forms["in_force_form"] = InForceForm(initial={"in_force_from": (
                adoption.in_force_from
                or max(lifecycle_today(), adoption.adopted_on or lifecycle_today()))})
        forms.update(forms_given)
    decisions = [(adoption.decision_for(body), body_label(body))
                 for body in adoption.submitted_to]
    # The MR reads the exact text it is asked to agree with.
    sections = (adoption.version.sections_with(adoption.version.articles.all())
                if adoption.version is not None else [])
    return {"adoption": adoption, "school": adoption.school, "stage": stage_of(adoption),
            "sections": sections, "wording": wording,
            "advice": _advice_of(adoption.version.source_yaml if adoption.version is not None
                                 else adoption.source_yaml),
            "sentences": sentences, "can_manage": can_manage, "decisions": decisions,
            "history": list(adoption.decisions.all()),
            "bodies": [body_label(body) for body in adoption.submitted_to], **forms}


def _step(request: HttpRequest, pk: int, form_name: str, make_form: Any,
          act: Any, done: str) -> HttpResponse:
    adoption, membership = access_adoption(request.user, pk, to_change=True)
    form = make_form(adoption, request.POST)
    if form.is_valid():
        try:
            act(adoption, form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("protocols:adoption", pk=adoption.pk)
    adoption.refresh_from_db()
    return render(request, "protocols/adoption.html",
                  _adoption_context(adoption, membership, **{form_name: form}), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def adoption_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting a concept: first the question (GET), then the deletion (POST). A submitted
    version is a record of what the bodies were asked and is never deleted."""
    adoption, _membership = access_adoption(request.user, pk, to_change=True)
    if adoption.status != Adoption.Status.CONCEPT:
        messages.error(request, _("Only a concept can be deleted; a submitted version is "
                                  "kept as a record."))
        return redirect("protocols:adoption", pk=adoption.pk)
    if request.method == "POST":
        try:
            do_delete_concept(adoption, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("protocols:adoption", pk=adoption.pk)
        messages.success(request, _("The concept has been deleted."))
        return redirect("protocols:adoptions")
    return render(request, "protocols/adoption_delete.html",
                  {"adoption": adoption, "school": adoption.school})


@login_required
@require_POST
def adoption_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "submit_form", lambda a, data: SubmitForm(data),
                 lambda a, c: do_submit(a, c["bodies"], on=c["submitted_on"],
                                        by=request.user),
                 _("The version has been submitted for instemming. Its text can no longer "
                   "change."))


@login_required
@require_POST
def adoption_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "decision_form",
                 lambda a, data: DecisionForm(data, bodies=a.submitted_to),
                 lambda a, c: do_record_instemming(
                     a, c["body"], c["outcome"], decided_on=c["decided_on"],
                     minutes_reference=c["minutes_reference"], by=request.user),
                 _("The decision has been recorded."))


@login_required
@require_POST
def adoption_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "adopt_form", lambda a, data: AdoptForm(data),
                 lambda a, c: do_adopt(a, adopted_by=c["adopted_by"],
                                       adopted_on=c["adopted_on"], by=request.user),
                 _("The version has been adopted (vastgesteld)."))


@login_required
@require_POST
def adoption_in_force(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "in_force_form", lambda a, data: InForceForm(data),
                 lambda a, c: do_put_in_force(a, c["in_force_from"], by=request.user),
                 _("The date from which the version is in force has been saved."))
