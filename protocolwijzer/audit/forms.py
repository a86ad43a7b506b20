"""The audit log's filter: per person, per kind of event and per period."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import kinds_by_category

CATEGORY_PREFIX = "cat:"


def kind_choices() -> list[Any]:
    """All kinds, then per category: the whole category first, then each kind in it."""
    choices: list[Any] = [("", _("every kind"))]
    for key, label, kinds in kinds_by_category():
        options = [(CATEGORY_PREFIX + key, _("all of: %(category)s") % {"category": label})]
        options += [(kind.code, kind.label) for kind in kinds]
        choices.append((label, options))
    return choices


class AuditFilterForm(forms.Form):
    # GET parameters in Dutch, like the page's other addresses (?pagina=2).
    naam = forms.CharField(label=_("Person"), required=False, max_length=100,
                           help_text=_("A first name or surname, or part of it."))
    persoon = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    soort = forms.ChoiceField(label=_("Kind"), required=False)
    van = forms.DateField(label=_("From"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"invalid": _("Fill in a valid date.")})
    tot = forms.DateField(label=_("Up to and including"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"invalid": _("Fill in a valid date.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = kind_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: datetime.date | None = cleaned.get("van")
        end: datetime.date | None = cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("The end of the period is before its start."))
        return cleaned

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and self.is_valid() and any(
            self.cleaned_data.get(name) for name in ("naam", "persoon", "soort", "van", "tot"))
