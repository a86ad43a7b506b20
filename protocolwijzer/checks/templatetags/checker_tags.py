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

from django import forms, template
from django.conf import settings
from django.forms import BoundField
from django.forms.widgets import ChoiceWidget
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

SLOT_TEMPLATE = "checks/_photo_slot.html"
FIELD_TEMPLATE = "checks/_field.html"
_empty_slots: dict[tuple[str, str, int], SafeString] = {}
_choice_fields: dict[tuple[object, ...], SafeString] = {}
_lock = threading.Lock()


@register.simple_tag
def photo_slot(photo_form: forms.Form, number: int) -> SafeString:
    """Photo slot ``number`` (1, 2, ...) of the form, from ``_photo_slot.html``."""
    if not is_empty_slot(photo_form) or settings.DEBUG:  # DEBUG: templates may change
        return render_slot(photo_form, number)
    key = (get_language() or "", photo_form.prefix or "", number)
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
