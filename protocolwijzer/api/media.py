"""Photos and videos through the API: upload, faces, blur, file; and their tags in a check.

The same steps as the checker page, through the same doors and actions: an item loads
only through ``media.access.access_media_item`` (404 for another school's, 403 for one the
token's person did not upload), every change is a ``media.actions.do_*``, and a check
turns tagged faces into the situation's people exactly as the page does
(``checks.media``). Only a token of a staff member with a Person uploads (the uploader
owns the item); an integration token checks descriptions with counts, as before.

``POST /checks`` accepts, in ``post.media[]``, either the contract's own entry (``kind``
and ``people``: for sound and for a situation described without a file) or a media item:
``{"item": 12, "faces": [{"number": 1, "student": 34}, {"number": 2, "tag": "not_ours"},
{"number": 3, "removed": true}], "version": "blurred"}``. The tags are saved on the item
(as on the page); the answer then has, beside the verdict, per item and per face the
register's answer and the articles that stand against that face, and ``blur``: the faces
the fix "blur N faces" blurs (``POST /media/{item_id}/blur``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema, Status

from protocolwijzer.api import access, schemas
from protocolwijzer.api.api import _SCOPED_ERRORS, _field_message, api
from protocolwijzer.api.auth import TokenAuth
from protocolwijzer.api.models import Scope
from protocolwijzer.audit.actions import ip_of
from protocolwijzer.checks.media import (
    NOT_OURS,
    STUDENT,
    UNKNOWN,
    UNTAGGED,
    CheckedMedia,
    MediaOutcome,
    item_version,
    media_entry,
    media_outcomes,
)
from protocolwijzer.checks.uploads import PhotoUploadHandler
from protocolwijzer.engine.errors import Problem, SituationError
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.engine.situation import parse_situation
from protocolwijzer.schools.models import Person

if TYPE_CHECKING:
    from protocolwijzer.media.models import MediaItem

_UPLOAD_BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "A photo (JPEG, PNG, WebP, HEIC), video (MP4, MOV) or "
                                    "sound recording (M4A, MP3, WAV). What it is is decided "
                                    "by its content, never its name."},
            "group": {"type": "integer", "description": "The class whose list you tag from."},
            "keep_audio": {"type": "boolean", "description": "Video: keep the sound in the "
                                                             "blurred version."},
        }}}},
}
_ObjectId = Path(..., ge=1)
_MEDIA_ERRORS: dict[int, Any] = {**_SCOPED_ERRORS, 400: schemas.ProblemsOut,
                                 409: schemas.ErrorOut, 413: schemas.ErrorOut}


def _actor(request: HttpRequest) -> Any:
    return access.actor_of(request)


def _item(request: HttpRequest, item_id: int, *, to_change: bool = False) -> MediaItem:
    from protocolwijzer.media.access import access_media_item

    return access_media_item(_actor(request), item_id, to_change=to_change)


def _invalid(exc: ValidationError, default_field: str) -> SituationError:
    """The media app's refusal as the API's 422: one message per field."""
    if hasattr(exc, "error_dict"):
        return SituationError([Problem(field, message)
                               for field, errors in exc.message_dict.items()
                               for message in errors])
    return SituationError([Problem(default_field, message) for message in exc.messages])


def item_out(item: MediaItem, request: HttpRequest) -> dict[str, Any]:
    from protocolwijzer.media.access import students_to_tag
    from protocolwijzer.media.tasks import item_state

    membership = access.membership_of(request)
    faces = list(item.faces.order_by("number"))
    tagged = [f.student_id for f in faces if f.student_id is not None]
    names = {}
    if membership is not None and tagged:
        names = {p.pk: p.full_name for p in students_to_tag(membership, item)
                 .filter(pk__in=tagged)}
    state = item_state(item)
    return {**state, "format": item.format, "duration": item.duration,
            "group": item.group_id, "keep_audio": item.keep_audio,
            "faces": [{"number": f.number, "box": list(f.box), "score": f.score,
                       "source": f.source, "removed": f.removed, "track": f.track,
                       "tag": f.tag,
                       "student": f.student_id if f.student_id in names else None,
                       "name": names.get(f.student_id or 0), "blur": f.blur}
                      for f in faces]}


# -- the operations ---------------------------------------------------------------------------

@api.post("/media", tags=["media"], summary="Upload a photo, video or sound recording",
          response={201: schemas.MediaItemOut, 422: schemas.ProblemsOut, **_MEDIA_ERRORS},
          auth=TokenAuth(scope=Scope.CHECK), openapi_extra={"requestBody": _UPLOAD_BODY})
def media_upload(request: HttpRequest) -> Any:
    """Stores the file privately and starts finding the faces (poll `GET /media/{id}`
    until `status` is `ready`). Needs a token of a staff member (the uploader owns the
    item). A file that is not accepted gets 422 naming `file` and the problem, and nothing
    is stored. Originals are deleted after the school's retention (default a day after
    the check), blurred versions later (default 30 days)."""
    from protocolwijzer.media.access import require_media_uploader
    from protocolwijzer.media.actions import do_upload_media

    membership = require_media_uploader(_actor(request))
    # Read the body only now, with the checker's handler: it stops at the size limit.
    handler = PhotoUploadHandler(request)
    request.upload_handlers = [handler]
    files = request.FILES.getlist("file")
    if handler.refused:
        raise SituationError([Problem("file", r.message) for r in handler.refused])
    if len(files) != 1:
        raise SituationError([Problem("file", _("Send one file in the field 'file'."))])
    person = membership.person
    assert person is not None  # require_media_uploader
    group = None
    group_id = request.POST.get("group", "")
    if group_id:
        if not group_id.isdigit():
            raise SituationError([Problem("group", _("must be a whole number."))])
        group = access.access_group(request, int(group_id))
    keep_audio = request.POST.get("keep_audio", "").lower() in ("1", "true", "yes")
    try:
        item = do_upload_media(person, person.school, files[0], group=group,
                               keep_audio=keep_audio, by=membership)
    except ValidationError as exc:
        raise _invalid(exc, "file") from None
    finally:
        files[0].close()
    item.refresh_from_db()
    return Status(201, item_out(item, request))


@api.get("/media/{item_id}", tags=["media"], summary="A photo or video: progress and faces",
         response={200: schemas.MediaItemOut, **_SCOPED_ERRORS},
         auth=TokenAuth(scope=Scope.CHECK))
def media_detail(request: HttpRequest, item_id: int = _ObjectId) -> Any:
    """The job's progress (`status`: `detecting`, `ready`, `blurring`, `done`, `failed`)
    and the faces, numbered as the page shows them, with their tags. A pupil's name only
    when the token's person may see that pupil."""
    return item_out(_item(request, item_id), request)


class DrawIn(Schema):
    box: list[int] = Field(min_length=4, max_length=4,
                           description="x1, y1, x2, y2 in pixels of the photo (orientation "
                                       "applied).")


def _body(request: HttpRequest, model: type[Schema]) -> Any:
    """The JSON body as ``model``, read after the access check (so that another school's
    item is a 404 whatever the body), with the contract's problems per field."""
    from pydantic import ValidationError as BodyError

    from protocolwijzer.engine.errors import format_path
    from protocolwijzer.engine.jsonsafe import load_json

    data = load_json(request.body or b"null", SituationError)
    try:
        return model.model_validate(data)
    except BodyError as exc:
        raise SituationError([Problem(format_path(tuple(e["loc"])), _field_message(dict(e)))
                              for e in exc.errors()]) from None


def _request_body(model: type[Schema]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": model.model_json_schema()}}}}


@api.post("/media/{item_id}/faces", tags=["media"], summary="Add a face the software missed",
          response={201: schemas.MediaItemOut, 422: schemas.ProblemsOut, **_MEDIA_ERRORS},
          auth=TokenAuth(scope=Scope.CHECK), openapi_extra=_request_body(DrawIn))
def media_draw(request: HttpRequest, item_id: int = _ObjectId) -> Any:
    """The new face gets the next number and is blurred unless tagged otherwise. Body:
    `{"box": [x1, y1, x2, y2]}`."""
    from protocolwijzer.media.actions import do_draw_face

    item = _item(request, item_id, to_change=True)
    body = _body(request, DrawIn)
    try:
        do_draw_face(item, body.box, by=_actor(request))
    except ValidationError as exc:
        raise _invalid(exc, "box") from None
    item.refresh_from_db()
    return Status(201, item_out(item, request))


class BlurIn(Schema):
    faces: list[int] = Field(max_length=500, description="The numbers of the faces to blur "
                                                         "(the others stay sharp): the check's "
                                                         "`media[].blur`.")
    keep_audio: bool | None = Field(None, description="Video: keep the sound.")


@api.post("/media/{item_id}/blur", tags=["media"], summary="Make the blurred version",
          response={202: schemas.MediaItemOut, 422: schemas.ProblemsOut, **_MEDIA_ERRORS},
          auth=TokenAuth(scope=Scope.CHECK), openapi_extra=_request_body(BlurIn))
def media_blur(request: HttpRequest, item_id: int = _ObjectId) -> Any:
    """Blurs exactly these faces in a new file made from the pixels (no EXIF, GPS, XMP or
    other metadata; for a video in every frame the face appears in). Poll
    `GET /media/{id}` until `status` is `done`, then fetch `GET /media/{id}/file`. Body:
    `{"faces": [1, 2]}`."""
    from protocolwijzer.media.actions import do_request_blur, do_set_blur

    item = _item(request, item_id, to_change=True)
    body = _body(request, BlurIn)
    try:
        do_set_blur(item, body.faces, by=_actor(request))
        do_request_blur(item, by=_actor(request), keep_audio=body.keep_audio)
    except ValidationError as exc:
        raise _invalid(exc, "faces") from None
    item.refresh_from_db()
    return Status(202, item_out(item, request))


@api.get("/media/{item_id}/file", tags=["media"], summary="The original or the blurred file",
         response={200: None, **_SCOPED_ERRORS}, auth=TokenAuth(scope=Scope.CHECK),
         openapi_extra={"responses": {"200": {"description": "The file.", "content": {
             "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
             "video/mp4": {"schema": {"type": "string", "format": "binary"}}}}}})
def media_file(request: HttpRequest, variant: str = "result",
               item_id: int = _ObjectId) -> Any:
    """`variant=result` (default): the blurred version, only once `status` is `done`;
    `variant=original`: the upload, until retention deletes it. Every read is audited."""
    from protocolwijzer.media.views import file_response

    if variant not in ("result", "original"):
        raise Http404(_("There is no such file."))
    item = _item(request, item_id)
    token = access.token_of(request)
    return file_response(item, variant, None, actor=token.user, download=True,
                         detail={"variant": variant, "download": True, "api_token": token.pk},
                         ip=ip_of(request))


# -- media items in a check -------------------------------------------------------------------

_TAGS = (STUDENT, NOT_OURS, UNKNOWN, UNTAGGED)


def expand_media(request: HttpRequest, data: Any) -> tuple[Any, list[CheckedMedia]]:
    """``data`` with every ``post.media[]`` entry that names an ``item`` replaced by the
    contract's own entry (its faces as people), after saving the tags it carries; and the
    items checked. Problems name the field (``post.media[0].faces[2].student``)."""
    post = data.get("post") if isinstance(data, dict) else None
    media = post.get("media") if isinstance(post, dict) else None
    if not isinstance(media, list) or not any(isinstance(m, dict) and "item" in m
                                              for m in media):
        return data, []
    from protocolwijzer.media.actions import do_mark_checked

    problems: list[Problem] = []
    entries: list[Any] = []
    found: list[tuple[int, MediaItem, str | None]] = []
    for index, entry in enumerate(media):
        where = f"post.media[{index}]"
        if not isinstance(entry, dict) or "item" not in entry:
            entries.append(entry)
            continue
        item = _checked_item(request, entry, where, problems)
        entries.append(None)
        if item is not None:
            found.append((index, item, entry.get("version")))
    if problems:
        raise SituationError(problems)
    channel = data.get("channel") if isinstance(data.get("channel"), str) else None
    checked = []
    for index, item, asked in found:
        item.refresh_from_db()
        version = item_version(item, asked)
        faces = do_mark_checked(item, channel=channel, by=_actor(request))
        checked.append(CheckedMedia(index, item, version, faces))
        entries[index] = media_entry(item, version, faces)
    return {**data, "post": {**post, "media": entries}}, checked


def _checked_item(request: HttpRequest, entry: dict[str, Any], where: str,
                  problems: list[Problem]) -> MediaItem | None:
    from protocolwijzer.checks.media import is_ready

    unknown = set(entry) - {"item", "faces", "version", "kind"}
    for key in sorted(unknown):
        problems.append(Problem(f"{where}.{key}", _("is not a field of a media item: use "
                                                     "item, faces and version.")))
    item_id = entry.get("item")
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        problems.append(Problem(f"{where}.item", _("must be the id of a photo or video you "
                                                   "uploaded (POST /media).")))
        return None
    try:
        item = _item(request, item_id, to_change=bool(entry.get("faces")))
    except (Http404, PermissionDenied):
        problems.append(Problem(f"{where}.item", _("'%(id)s' is not a photo or video you "
                                                   "can check.") % {"id": item_id}))
        return None
    if entry.get("version") not in (None, "original", "blurred"):
        problems.append(Problem(f"{where}.version", _("is not one of original, blurred.")))
    if not is_ready(item):
        problems.append(Problem(f"{where}.item", _("The faces on this photo or video have "
                                                   "not been found yet; wait until its "
                                                   "status is ready.")))
        return None
    _save_tags(request, item, entry.get("faces") or [], f"{where}.faces", problems)
    return item


def _save_tags(request: HttpRequest, item: MediaItem, faces: Any, where: str,
               problems: list[Problem]) -> None:
    from protocolwijzer.media.actions import do_remove_face, do_tag_face

    if not isinstance(faces, list):
        problems.append(Problem(where, _("must be a list.")))
        return
    by_number = {face.number: face for face in item.faces.all()}
    actor = _actor(request)
    for j, tag in enumerate(faces):
        field = f"{where}[{j}]"
        if not isinstance(tag, dict):
            problems.append(Problem(field, _("must be an object.")))
            continue
        face = by_number.get(tag.get("number")) if isinstance(tag.get("number"), int) else None
        if face is None:
            problems.append(Problem(f"{field}.number", _("There is no face with this number "
                                                         "on this photo or video.")))
            continue
        try:
            if tag.get("removed") is True:
                do_remove_face(face, by=actor)
                continue
            student = None
            if tag.get("student") is not None:
                student_id = tag["student"]
                student = (Person.objects.filter(pk=student_id).first()
                           if isinstance(student_id, int) and not isinstance(student_id, bool)
                           else None)
                if student is None:
                    problems.append(Problem(f"{field}.student", _(
                        "'%(id)s' is not a student you can tag.") % {"id": student_id}))
                    continue
                do_tag_face(face, student=student, by=actor)
            elif tag.get("tag") in _TAGS and tag.get("tag") != STUDENT:
                do_tag_face(face, tag=tag["tag"], by=actor)
            else:
                problems.append(Problem(f"{field}.tag", _(
                    "Give a student (its id) or a tag: not_ours, unknown or untagged.")))
        except ValidationError as exc:
            problems += [Problem(f"{field}.{p.field}" if p.field else field, p.message)
                         for p in _invalid(exc, "").problems]


def outcomes_out(protocol: Protocol, situation: dict[str, Any],
                 checked: list[CheckedMedia], request: HttpRequest) -> list[dict[str, Any]]:
    """Per item: the version checked, each face with the register's answer and the
    articles against it, and the faces the fix blurs."""
    outcomes: list[MediaOutcome] = media_outcomes(
        protocol, parse_situation(situation), checked, access.membership_of(request))
    out = []
    for outcome in outcomes:
        faces = [{"number": face.number, "tag": face.face.tag,
                  # Who it is only for a token whose person may see that pupil.
                  "student": face.face.student_id if face.name else None,
                  "name": face.name, "consent": face.consent, "blurred": face.blurred,
                  "may_appear": face.may_appear, "articles": list(face.articles)}
                 for face in outcome.faces]
        out.append({"index": outcome.index, "item": outcome.item.pk,
                    "version": outcome.version, "faces": faces,
                    "blur": outcome.blur_after_fix if outcome.to_blur else []})
    return out
