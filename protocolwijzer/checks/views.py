from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from protocolwijzer.checks.access import access_checker
from protocolwijzer.checks.actions import do_check, do_save_faces
from protocolwijzer.checks.forms import CheckForm, PhotoFormSet
from protocolwijzer.checks.media import (
    Tagging,
    face_value,
    is_ready,
    media_outcomes,
    shown_faces,
    tagging_for,
)
from protocolwijzer.checks.results import present
from protocolwijzer.checks.situations import show_problems, situation_from_forms
from protocolwijzer.checks.uploads import MAX_FILES, MAX_PIXELS, PhotoUploadHandler, max_bytes
from protocolwijzer.engine.errors import SituationError
from protocolwijzer.engine.situation import parse_situation
from protocolwijzer.incidents.questions import question_offer
from protocolwijzer.protocols.access import SchoolProtocol
from protocolwijzer.protocols.lifecycle import protocol_in_force
from protocolwijzer.schools.policy import Right

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


@dataclass(frozen=True)
class Step:
    """What the button pressed asks for (its name is ``do``): ``check`` (the default),
    ``blur:<slot>:<n,n>`` (the fix: blur these faces), ``draw:<slot>`` (save a drawn box),
    ``class:<slot>`` (show another class list)."""

    kind: str
    slot: int | None = None
    faces: tuple[int, ...] = ()

    @classmethod
    def parse(cls, value: str | None) -> Step:
        kind, _sep, rest = (value or "check").partition(":")
        slot_text, _sep, faces_text = rest.partition(":")
        if kind not in ("blur", "draw", "class") or not slot_text.isdigit():
            return cls("check")
        faces = tuple(int(n) for n in faces_text.split(",") if n.isdigit())
        return cls(kind, int(slot_text), faces)

    @property
    def checks(self) -> bool:
        """Whether the page answers with a verdict (drawing a box or changing the class
        list only shows the photo again, and records no check)."""
        return self.kind in ("check", "blur")


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
    membership = current.membership
    role = membership.engine_role
    # Only staff with a Person upload and tag (media.access.require_media_uploader).
    can_upload = membership.has(Right.CHECK_MEDIA) and membership.person is not None
    result = None
    ask = None
    outcomes: list[Any] = []
    waiting = False
    if request.method == "POST":
        step = Step.parse(request.POST.get("do"))
        form = CheckForm(request.POST, role=role, capacities=membership.engine_roles)
        photos = PhotoFormSet(request.POST, request.FILES, prefix=PHOTO_PREFIX,
                              refused=handler.refused if handler else [],
                              taggings=_taggings(request, request.POST, current),
                              can_upload=can_upload)
        if all([form.is_valid(), photos.is_valid()]):  # both, so every error shows at once
            data, refused, uploaded = _apply(request, photos, step, current)
            photos = PhotoFormSet(data, prefix=PHOTO_PREFIX,
                                  taggings=_taggings(request, data, current),
                                  can_upload=can_upload)
            photos.is_valid()
            for index, message in refused.items():
                photos.forms[index].add_error("photo", message)
            items = [f.media_item for f in photos.forms if f.media_item is not None]
            waiting = not all(is_ready(item) for item in items)
            # A new file is first shown with its faces to tag; the check comes after.
            if (step.checks and not uploaded and not waiting
                    and not photos.total_error_count()):
                faces = _mark_checked(request, photos, form.cleaned_data.get("channel"))
                # The version in force on the situation's day decides (issue 16).
                version = protocol_in_force(
                    current.school, form.cleaned_data.get("date") or timezone.localdate()
                ) or version
                protocol = version.engine_protocol()
                situation, slots, checked = situation_from_forms(
                    form, photos, protocol_id=protocol.id, actor_role=form.actor_role(role),
                    faces=faces)
                try:
                    verdict = do_check(situation, version, membership=membership,
                                       school=current.school, user=request.user)
                except SituationError as exc:
                    show_problems(exc.problems, form, photos, slots)
                else:
                    if checked:
                        outcomes = media_outcomes(protocol, parse_situation(situation),
                                                  checked, membership)
                    result = present(verdict, protocol, situation["post"]["text"],
                                     _article_url(current), outcomes=outcomes,
                                     slots=slots)
                    # Staff may send it on to their leidinggevende (twijfel, issue 15).
                    ask = question_offer(membership, situation, verdict, protocol)
    else:
        form = CheckForm(role=role, capacities=membership.engine_roles)
        photos = PhotoFormSet(prefix=PHOTO_PREFIX, can_upload=can_upload)
    context.update({"form": form, "photos": photos, "result": result, "ask": ask,
                    "protocol": protocol, "version": version, "waiting": waiting,
                    "can_upload": can_upload,
                    "more_photos_open": any(f.media_item is not None
                                            for f in photos.forms[1:])})
    return render(request, "checks/check.html", context)


def _mark_checked(request: HttpRequest, photos: Any, channel: str | None
                  ) -> dict[int, list[Any]]:
    """The register's consent per face of each slot's photo or video, for the channel,
    today; the media app records the check (its retention counts from here) and audits
    the reading."""
    from protocolwijzer.media.actions import do_mark_checked

    return {index: do_mark_checked(photo_form.media_item, channel=channel or None,
                                   by=request.user)
            for index, photo_form in enumerate(photos.forms)
            if photo_form.media_item is not None and not photo_form.uses_counts}


def _taggings(request: HttpRequest, data: QueryDict, current: SchoolProtocol
              ) -> dict[int, Tagging]:
    """The media item of each slot that carries one, loaded through the media app's one
    door (404 for another school's item, 403 for one the user may not change), with the
    class list to tag it."""
    from protocolwijzer.media.access import access_media_item

    taggings: dict[int, Tagging] = {}
    if not (current.membership.has(Right.CHECK_MEDIA) and current.membership.person):
        return taggings
    for index in range(MAX_FILES):
        value = data.get(f"{PHOTO_PREFIX}-{index}-item", "")
        if value.isdigit():
            item = access_media_item(request.user, int(value), to_change=True)
            taggings[index] = tagging_for(item, current.membership,
                                          data.get(f"{PHOTO_PREFIX}-{index}-group"))
    return taggings


def _apply(request: HttpRequest, photos: Any, step: Step, current: SchoolProtocol
           ) -> tuple[QueryDict, dict[int, str], bool]:
    """Carries out what the valid form asks, through the media app's actions: a new file
    becomes a media item (faces are looked for at once, or by a worker), tags, removed and
    drawn boxes are saved, and the fix blurs the faces it names. Returns the form's data
    as it now stands, to show the page again, per slot why its file was refused, and
    whether a new file was stored."""
    from protocolwijzer.media.actions import do_request_blur, do_set_blur, do_upload_media

    data = request.POST.copy()
    refused: dict[int, str] = {}
    uploaded = False
    for index, photo_form in enumerate(photos.forms):
        cleaned = getattr(photo_form, "cleaned_data", {})
        upload = cleaned.get("photo")
        item = photo_form.media_item
        prefix = f"{PHOTO_PREFIX}-{index}"
        try:
            if upload:
                tagging = photo_form.tagging
                try:
                    item = do_upload_media(current.membership.person, current.school, upload,
                                           group=tagging.group if tagging else None,
                                           by=request.user)
                finally:
                    upload.close()  # the bytes are stored or refused: let them go now
                data[f"{prefix}-item"] = str(item.pk)
                uploaded = True
            elif item is not None:
                do_save_faces(item, cleaned, by=request.user)
                if step.kind == "blur" and step.slot == index and step.faces:
                    known = {face.number for face in shown_faces(item)}
                    do_set_blur(item, [n for n in step.faces if n in known], by=request.user)
                    do_request_blur(item, by=request.user)
        except ValidationError as exc:
            refused[index] = " ".join(exc.messages)
        data[f"{prefix}-draw"] = ""
        if item is not None:
            item.refresh_from_db()
            for face in shown_faces(item):
                data[f"{prefix}-face_{face.number}"] = face_value(face)
                data.pop(f"{prefix}-face_{face.number}_removed", None)
    return data, refused, uploaded


def _article_url(current: SchoolProtocol) -> str:
    """Where the member reads an article of their school's protocol (%s: its anchor)."""
    url = reverse("protocols:mine") + "?weergave=alles"
    if current.choices:
        url += f"&school={current.school.pk}"
    return url.replace("%", "%%") + "#%s"
