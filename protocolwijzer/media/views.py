"""The checker's private files, streamed only to who may see them, and a job's progress.

Thin: ``access.access_media_item`` decides who sees an item; every read of a file is in
the audit log. A blurred version is served only when its item is ``done`` (the job
publishes file and status together), so a half-made result is never reachable.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.media import storage
from protocolwijzer.media.access import access_media_item, students_to_tag
from protocolwijzer.media.models import MediaItem
from protocolwijzer.media.tasks import item_state
from protocolwijzer.schools.policy import membership_for

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
                 "HEIC": "image/heic", "MP4": "video/mp4", "MOV": "video/quicktime",
                 "M4A": "audio/mp4", "MP3": "audio/mpeg", "WAV": "audio/wav"}
VARIANTS = ("original", "result", "thumbnail")


def _file_of(item: MediaItem, variant: str, face_number: str | None) -> tuple[str, str, str]:
    """The stored name, content type and download name of the file asked for, or 404."""
    if variant == "result":
        # Status and name come from the same row, published together: never a partial file.
        if item.status != MediaItem.Status.DONE or not item.result.name:
            raise Http404(_("The blurred version is not ready."))
        extension = "mp4" if item.kind == MediaItem.Kind.VIDEO else "jpg"
        content_type = "video/mp4" if extension == "mp4" else "image/jpeg"
        return item.result.name, content_type, f"protocolwijzer-{item.pk}-vervaagd.{extension}"
    if variant == "thumbnail":
        face = item.faces.filter(number=int(face_number)).first() if (
            face_number or "").isdigit() else None
        if face is None or not face.thumbnail.name:
            raise Http404(_("There is no such face on this photo or video."))
        return face.thumbnail.name, "image/jpeg", f"protocolwijzer-{item.pk}-{face.number}.jpg"
    if not item.original.name:
        raise Http404(_("The original was deleted after the retention period."))
    extension = item.original.name.rsplit(".", 1)[-1]
    return (item.original.name, CONTENT_TYPES.get(item.format, "application/octet-stream"),
            f"protocolwijzer-{item.pk}-origineel.{extension}")


@login_required
@require_GET
def file(request: HttpRequest, item_id: int) -> FileResponse:
    """``?variant=original`` (default), ``result`` or ``thumbnail&face=N``;
    ``download=1`` to save it instead of showing it."""
    item = access_media_item(request.user, item_id)
    variant = request.GET.get("variant", "original")
    if variant not in VARIANTS:
        raise Http404(_("There is no such file."))
    download = request.GET.get("download") == "1"
    detail: dict[str, object] = {"variant": variant, "download": download}
    if variant == "thumbnail":
        detail["face"] = int(request.GET.get("face") or 0)
    return file_response(item, variant, request.GET.get("face"), actor=request.user,
                         download=download, detail=detail, ip=ip_of(request))


def file_response(item: MediaItem, variant: str, face_number: str | None, *, actor: Any,
                  download: bool, detail: dict[str, object], ip: str | None) -> FileResponse:
    """The file asked for, streamed from private storage, its read in the audit log: the
    one way out for an original, a blurred version or a face's thumbnail (pages and API)."""
    name, content_type, download_name = _file_of(item, variant, face_number)
    try:
        handle = storage.open_for_streaming(name)
    except FileNotFoundError:
        # Replaced by a newer version or removed by retention since the row was read.
        raise Http404(_("There is no such file.")) from None
    do_record("media_viewed" if not download else "media_downloaded", actor=actor,
              school=item.school_id, target=item, detail=detail, ip=ip)
    response = FileResponse(handle, content_type=content_type, as_attachment=download,
                            filename=download_name)
    # A photo of children: no copy in a shared cache or the browser's history.
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_GET
def status(request: HttpRequest, item_id: int) -> JsonResponse:
    """The job's progress and, once found, the faces (number, box, tag, blur)."""
    item = access_media_item(request.user, item_id)
    membership = membership_for(request.user)
    visible = {}
    faces = list(item.faces.order_by("number"))
    tagged = [f.student_id for f in faces if f.student_id is not None]
    if membership is not None and tagged:
        visible = {p.pk: p.full_name for p in students_to_tag(membership, item)
                   .filter(pk__in=tagged)}
    url = reverse("media:file", args=[item.pk])
    state = item_state(item)
    state["faces"] = [{
        "number": face.number, "box": list(face.box), "score": face.score,
        "source": face.source, "removed": face.removed, "track": face.track,
        "tag": face.tag, "student": face.student_id if face.student_id in visible else None,
        "name": visible.get(face.student_id or 0, ""), "blur": face.blur,
        "thumbnail": (f"{url}?variant=thumbnail&face={face.number}" if face.thumbnail.name
                      else ""),
    } for face in faces]
    state["original"] = url if item.original.name else ""
    state["result"] = f"{url}?variant=result" if state["has_result"] else ""
    response = JsonResponse(state)
    response["Cache-Control"] = "no-store"
    return response
