"""Importing a school's own protocol document in the browser (issue 16).

Upload (``protocols:import``), then a side-by-side review (``protocols:import_review``):
the document's paragraphs beside the sections and articles the import made of them, with
per proposal a choice to confirm it, drop it or decide later. Saving makes a concept of
the school's protocol, which the editor (``protocols:edit``) opens.

The uploaded file itself is never stored: it is read in memory, and only its text and the
proposed protocol file are kept, in the signed-in person's session, until they save or
abandon the review (docs/interpretations.md, "The uploaded protocol document").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from protocolwijzer.engine.explain import effect_label, kind_label, role_label
from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths, localize
from protocolwijzer.protocols.access import access_school_protocol
from protocolwijzer.protocols.actions import do_read_protocol_document, do_save_imported_protocol
from protocolwijzer.protocols.avg_check import avg_check
from protocolwijzer.protocols.forms import ImportReviewForm, ProtocolDocumentForm
from protocolwijzer.protocols.importing import DocumentError
from protocolwijzer.protocols.importing.reading import MAX_FILE_BYTES, too_large_message
from protocolwijzer.protocols.importing.review import CONFIRM, document_paragraphs, locate
from protocolwijzer.schools.access import access_school, require_right
from protocolwijzer.schools.models import School
from protocolwijzer.schools.policy import Right
from protocolwijzer.schools.uploads import MemoryUploadHandler, is_declared_too_large

# Who may import: whoever may adapt the school's protocol (the management, the beheerder).
IMPORT_RIGHT = Right.MANAGE_PROTOCOL

SESSION_KEY = "pw_protocol_import"


# The document must go through MemoryUploadHandler (memory only, size limit while reading),
# and handlers can only be changed before anything reads request.POST, which
# CsrfViewMiddleware would do first; so the outer view is exempt and the inner one
# protected, as in schools.views.import_upload.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def import_document(request: HttpRequest) -> HttpResponse:
    require_right(request.user, IMPORT_RIGHT)  # 403 before a byte of the body is read
    handler = None
    if request.method == "POST":
        if is_declared_too_large(request, MAX_FILE_BYTES):
            # Refused before the body is read; nothing changes, so no CSRF risk.
            form = _upload_form(request)
            form.refuse(too_large_message())
            return _upload_page(request, form, status=413)
        handler = MemoryUploadHandler(request, limit=MAX_FILE_BYTES)
        request.upload_handlers = [handler]
    return _import_document(request, handler)


@csrf_protect
def _import_document(request: HttpRequest,
                     handler: MemoryUploadHandler | None) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, _upload_form(request))
    form = _upload_form(request, bound=True)
    if handler is not None and handler.too_large:
        form = _upload_form(request)
        form.refuse(too_large_message())
    elif form.is_valid():
        school = access_school_protocol(request.user, IMPORT_RIGHT,
                                        form.cleaned_data.get("school")).school
        upload = form.cleaned_data["document"]
        upload.seek(0)
        try:
            result = do_read_protocol_document(school, upload.read(MAX_FILE_BYTES + 1),
                                               upload.name or "", by=request.user)
        except DocumentError as error:
            form.add_error("document", str(error))
        else:
            request.session[SESSION_KEY] = {
                "school": school.pk, "file": result.protocol["source"]["file"],
                "lines": list(result.lines), "protocol": result.text}
            return redirect("protocols:import_review")
    return _upload_page(request, form)


def _upload_form(request: HttpRequest, *, bound: bool = False) -> ProtocolDocumentForm:
    schools = access_school_protocol(request.user, IMPORT_RIGHT).choices
    if bound:
        return ProtocolDocumentForm(request.POST, request.FILES, schools=schools)
    return ProtocolDocumentForm(schools=schools)


def _upload_page(request: HttpRequest, form: ProtocolDocumentForm,
                 status: int = 200) -> HttpResponse:
    return render(request, "protocols/import_upload.html", {"form": form}, status=status)


# --- the review ----------------------------------------------------------------------------

@dataclass
class ReviewArticle:
    index: int
    id: str
    text: str
    kind: str
    kind_text: str
    roles: list[str]
    paragraph: int | None
    source: dict[str, Any] | None = None  # protocol, title, article, similarity (percent)
    rules: list[str] = field(default_factory=list)  # the proposed rules, in words
    id_field: Any = None
    decision_field: Any = None


@dataclass
class ReviewSection:
    id: str
    title: str | None
    intro: str | None
    articles: list[ReviewArticle]


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest) -> HttpResponse:
    require_right(request.user, IMPORT_RIGHT)
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.info(request, _("There is no uploaded protocol document waiting (any more). "
                                 "Upload it again."))
        return redirect("protocols:import")
    school = access_school(request.user, pending["school"])
    if request.method == "POST" and "abandon" in request.POST:
        del request.session[SESSION_KEY]
        messages.info(request, _("The import has been abandoned; nothing was saved and the "
                                 "document's text has been removed."))
        return redirect("protocols:import")
    protocol = yaml.safe_load(pending["protocol"])
    articles = [a for s in protocol["sections"] for a in s["articles"]]
    proposals = [(a["id"], bool((a.get("proposed") or {}).get("source"))) for a in articles]
    if request.method == "POST" and "confirm_all" in request.POST:
        # "Alles bevestigen": every proposal set to Confirm, shown for a last look; saving
        # stays a separate step, so nothing is confirmed unseen.
        data = request.POST.copy()
        for index, (_id, proposed) in enumerate(proposals):
            if proposed:
                data[f"besluit-{index}"] = CONFIRM
        form = ImportReviewForm(data, articles=proposals)
        form.is_valid()
        messages.info(request, _("Every proposal is set to Confirm. Check them, change what "
                                 "your protocol says otherwise, and save as a concept."))
        return _review_page(request, school, pending, protocol, form)
    form = ImportReviewForm(request.POST or None, articles=proposals)
    if request.method == "POST" and form.is_valid():
        return _save(request, school, pending, protocol, form)
    return _review_page(request, school, pending, protocol, form)


def _save(request: HttpRequest, school: School, pending: dict[str, Any],
          protocol: dict[str, Any], form: ImportReviewForm) -> HttpResponse:
    try:
        adoption = do_save_imported_protocol(
            school, protocol, filename=pending["file"], decisions=form.decisions(),
            renames=form.renames(), by=request.user)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _review_page(request, school, pending, protocol, form)
    del request.session[SESSION_KEY]  # the document's text is not kept past the review
    messages.success(request, _("The imported protocol has been saved as a concept. Check "
                                "it here, then submit it for instemming."))
    return redirect("protocols:edit", pk=adoption.pk)


def _review_page(request: HttpRequest, school: School, pending: dict[str, Any],
                 protocol: dict[str, Any], form: ImportReviewForm) -> HttpResponse:
    paragraphs = document_paragraphs(pending["lines"])
    located = locate(paragraphs, {a["id"]: a["text"] for s in protocol["sections"]
                                  for a in s["articles"]})
    sections = []
    index = 0
    language = get_language()
    titles: dict[str, str] = {}
    for section in protocol["sections"]:
        shown = []
        for article in section["articles"]:
            item = ReviewArticle(
                index, article["id"], article["text"], article["kind"],
                kind_label(article["kind"]), [role_label(r) for r in article.get("roles", [])],
                located.get(article["id"]), id_field=form[f"id-{index}"])
            source = (article.get("proposed") or {}).get("source")
            if source:
                item.source = _source(source, article["proposed"].get("similarity"), titles)
                item.rules = _rules_in_words(protocol, article["id"], language)
                item.decision_field = form[f"besluit-{index}"]
            shown.append(item)
            index += 1
        sections.append(ReviewSection(section["id"], section.get("title"), section.get("intro"),
                                      shown))
    # Per paragraph, the articles made from it (id and place on the page).
    by_paragraph: dict[int, list[tuple[str, int]]] = {}
    for item in (a for s in sections for a in s.articles):
        if item.paragraph is not None:
            by_paragraph.setdefault(item.paragraph, []).append((item.id, item.index))
    return render(request, "protocols/import_review.html", {
        "school": school, "file": pending["file"], "protocol": protocol, "form": form,
        "sections": sections,
        "paragraphs": [(p, by_paragraph.get(p.number, [])) for p in paragraphs],
        "article_count": index,
        "advice": avg_check((a["id"], a["text"]) for s in protocol["sections"]
                            for a in s["articles"]),
        "proposal_count": sum(1 for s in sections for a in s.articles if a.source)})


def _source(source: str, similarity: float | None, titles: dict[str, str]) -> dict[str, Any]:
    protocol_id, article_id = source.split("#", 1)
    if protocol_id not in titles:
        # Both model protocols are called "Protocol sociale media": name whose it is.
        known = (builtin_protocol(protocol_id) if protocol_id in builtin_protocol_paths()
                 else None)
        titles[protocol_id] = (f"{known.title} ({known.organisation})" if known is not None
                               else protocol_id)
    title = titles[protocol_id]
    return {"protocol": protocol_id, "title": title, "article": article_id,
            "similarity": round((similarity or 0) * 100)}


def _rules_in_words(protocol: dict[str, Any], article_id: str, language: str) -> list[str]:
    """The rules (and consequences) proposed for an article, one sentence each: what it
    does, for whom, and the message a person gets."""
    lines = []
    for rule in protocol.get("rules", []):
        if rule["article"] != article_id:
            continue
        roles = ", ".join(role_label(r) for r in rule.get("roles", [])) or _("everyone")
        lines.append(_("%(effect)s for %(roles)s: %(message)s") % {
            "effect": effect_label(rule["effect"]).capitalize(), "roles": roles,
            "message": localize(rule.get("message"), language)})
    for consequence in protocol.get("consequences", []):
        if consequence["article"] == article_id:
            lines.append(_("Consequence: %(text)s") % {
                "text": localize(consequence.get("text"), language)})
    return lines
