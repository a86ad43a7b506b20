"""The checker's form, rendered quickly: what looks the same in every request is rendered
once per process.

The form has ten photo slots so that it works without JavaScript, and rendering their
sixty widgets through Django's widget templates was most of the checker page's time. A
slot nobody filled in (no file, no counts, no errors) looks the same for everybody, in
every request: only its number and the language change. So its HTML is kept per slot
number and language, and only a slot with something in it is rendered each time.

Likewise a choice field (radio buttons, a list) without errors: its HTML follows from the
language, its label, help, the choices offered (which depend on the person's role) and
the choice made, so it is kept per those.
"""

from __future__ import annotations

import threading
from typing import Any

from django import forms, template
from django.conf import settings
from django.forms import BoundField
from django.forms.widgets import ChoiceWidget
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from protocolwijzer.checks.media import media_url

register = template.Library()

SLOT_TEMPLATE = "checks/_photo_slot.html"
FIELD_TEMPLATE = "checks/_field.html"
_empty_slots: dict[tuple[str, str, int, bool], SafeString] = {}
_choice_fields: dict[tuple[object, ...], SafeString] = {}
_lock = threading.Lock()


@register.simple_tag
def photo_slot(photo_form: forms.Form, number: int) -> SafeString:
    """Photo slot ``number`` (1, 2, ...) of the form, from ``_photo_slot.html``."""
    if not is_empty_slot(photo_form) or settings.DEBUG:  # DEBUG: templates may change
        return render_slot(photo_form, number)
    key = (get_language() or "", photo_form.prefix or "", number,
           "photo" in photo_form.fields)  # staff upload; others describe (can_upload)
    html = _empty_slots.get(key)
    if html is None:
        html = render_slot(photo_form, number)
        with _lock:
            _empty_slots[key] = html
    return html


def render_slot(photo_form: forms.Form, number: int) -> SafeString:
    return render_to_string(SLOT_TEMPLATE, {"photo_form": photo_form, "number": number})


def is_empty_slot(photo_form: forms.Form) -> bool:
    """Nothing in it: not sent, or sent as it was offered (no file, no counts, the first
    kind), and without errors. Such a slot renders as the unbound one does."""
    if not photo_form.is_bound:
        return True
    return not photo_form.errors and not photo_form.has_changed()


@register.simple_tag
def choice_field(field: BoundField) -> SafeString:
    """A choice field of the form, from ``_field.html``."""
    if field.errors or settings.DEBUG:
        return render_field(field)
    widget = field.field.widget
    choices = getattr(field.field, "choices", None)
    if choices is None or not isinstance(widget, ChoiceWidget):
        return render_field(field)
    key = (get_language() or "", field.html_name, field.auto_id, type(widget).__name__,
           str(field.label), str(field.help_text), field.field.required,
           tuple((str(value), str(label)) for value, label in choices), str(field.value()))
    html = _choice_fields.get(key)
    if html is None:
        html = render_field(field)
        with _lock:
            _choice_fields[key] = html
    return html


def render_field(field: BoundField) -> SafeString:
    return render_to_string(FIELD_TEMPLATE, {"field": field})


# -- photos and videos in the checker -------------------------------------------------------

@register.simple_tag
def media_file_url(item: Any, download: bool = False) -> str:
    """Where the page shows ``item``: its blurred version once ready, else the original
    (the media app's authorised view; the file is never public)."""
    return media_url(item, download=download)


@register.simple_tag
def media_status_url(item: Any) -> str:
    return reverse("media:status", args=[item.pk])


@register.simple_tag
def media_face_url(face: Any) -> str:
    return (f"{reverse('media:file', args=[face.item_id])}"
            f"?variant=thumbnail&face={face.number}")


@register.simple_tag
def faces_svg(item: Any, faces: list[Any]) -> SafeString:
    """The numbered boxes over a photo, as an SVG in the photo's own pixels: it scales with
    the photo on any screen, and needs no inline style (the Content-Security-Policy)."""
    width, height = int(item.width or 1), int(item.height or 1)
    size = max(12, round(max(width, height) / 28))
    tag_width, tag_height = round(size * 1.7), round(size * 1.35)
    groups = []
    for face in faces:
        x1, y1, x2, y2 = (int(v) for v in face.box)
        tag_x = min(max(0, x1), width - tag_width)
        tag_y = y1 - tag_height if y1 >= tag_height else min(y2, height - tag_height)
        groups.append(format_html(
            '<g class="face face--{tag}" data-face="{n}"><title>{title}</title>'
            '<rect class="face__box" x="{x}" y="{y}" width="{w}" height="{h}" '
            'vector-effect="non-scaling-stroke"/>'
            '<rect class="face__tag" x="{tx}" y="{ty}" width="{tw}" height="{th}" rx="{r}"/>'
            '<text class="face__number" x="{cx}" y="{cy}" font-size="{size}" '
            'text-anchor="middle" dominant-baseline="central">{n}</text></g>',
            tag=face.tag, n=face.number, title=_("Face %(number)s") % {"number": face.number},
            x=x1, y=y1, w=max(1, x2 - x1), h=max(1, y2 - y1), tx=tag_x, ty=tag_y,
            tw=tag_width, th=tag_height, r=round(size / 4), cx=tag_x + tag_width // 2,
            cy=tag_y + tag_height // 2, size=size))
    return format_html(
        '<svg class="faces" viewBox="0 0 {w} {h}" preserveAspectRatio="none" '
        'focusable="false" aria-hidden="true" data-faces>{groups}</svg>',
        w=width, h=height, groups=format_html_join("", "{}", ((g,) for g in groups)))
