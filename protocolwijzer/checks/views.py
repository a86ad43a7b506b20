from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from protocolwijzer.checks.access import access_checker
from protocolwijzer.checks.actions import do_check
from protocolwijzer.checks.forms import CheckForm, PhotoFormSet
from protocolwijzer.checks.results import present
from protocolwijzer.checks.situations import show_problems, situation_from_forms
from protocolwijzer.checks.uploads import MAX_FILES, MAX_PIXELS, PhotoUploadHandler, max_bytes
from protocolwijzer.engine.errors import SituationError
from protocolwijzer.protocols.access import SchoolProtocol

PHOTO_PREFIX = "foto"


# Uploads must go through PhotoUploadHandler (memory only, size limit while reading), and
# the handlers can only be changed before anything reads request.POST; CsrfViewMiddleware
# would read it first. So this outer view is exempt and the inner one is protected,
# which is the order Django's documentation prescribes for per-view upload handlers.
@csrf_exempt
@login_required
def check(request: HttpRequest) -> HttpResponse:
    handler = None
    if request.method == "POST":
        handler = PhotoUploadHandler(request)
        request.upload_handlers = [handler]
    return _check(request, handler)


@csrf_protect
def _check(request: HttpRequest, handler: PhotoUploadHandler | None) -> HttpResponse:
    current = access_checker(request.user, request.GET.get("school"))
    context: dict[str, object] = {
        "current": current, "school": current.school, "version": current.version,
        "max_files": MAX_FILES, "max_megabytes": max_bytes() // (1024 * 1024),
        "max_megapixels": MAX_PIXELS // 1_000_000}
    if current.version is None:
        return render(request, "checks/check.html", context)
    version = current.version
    protocol = version.engine_protocol()
    role = current.membership.engine_role
    result = None
    if request.method == "POST":
        form = CheckForm(request.POST, role=role,
                         capacities=current.membership.engine_roles)
        photos = PhotoFormSet(request.POST, request.FILES, prefix=PHOTO_PREFIX,
                              refused=handler.refused if handler else [])
        if all([form.is_valid(), photos.is_valid()]):  # both, so every error shows at once
            situation, slots = situation_from_forms(form, photos, protocol_id=protocol.id,
                                                    actor_role=form.actor_role(role))
            try:
                verdict = do_check(situation, version, membership=current.membership,
                                   school=current.school, user=request.user)
            except SituationError as exc:
                show_problems(exc.problems, form, photos, slots)
            else:
                result = present(verdict, protocol, situation["post"]["text"],
                                 _article_url(current),
                                 [f.checked_photo for f in photos.used_forms()
                                  if f.checked_photo])
    else:
        form = CheckForm(role=role, capacities=current.membership.engine_roles)
        photos = PhotoFormSet(prefix=PHOTO_PREFIX)
    context.update({"form": form, "photos": photos, "result": result,
                    "protocol": protocol})
    return render(request, "checks/check.html", context)


def _article_url(current: SchoolProtocol) -> str:
    """Where the member reads an article of their school's protocol (%s: its anchor)."""
    url = reverse("protocols:mine") + "?weergave=alles"
    if current.choices:
        url += f"&school={current.school.pk}"
    return url.replace("%", "%%") + "#%s"
