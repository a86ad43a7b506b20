"""Forms of the consent register's staff pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.consent.scans import CONTENT_TYPES
from protocolwijzer.schools.models import Person


class PaperConsentForm(forms.Form):
    """A paper form as the guardian (or the student from 16) filled it in: who signed it,
    its date, and yes, no or nothing per purpose."""

    decided_by = forms.ModelChoiceField(queryset=Person.objects.none(), empty_label=None,
                                        label=_("Signed by"))
    form_dated = forms.DateField(
        label=_("Date on the form"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Fill in the date on the form."),
                        "invalid": _("The date on the form is not a valid date.")})
    scan = forms.FileField(
        label=_("Scan or photo of the form (optional)"), required=False,
        help_text=_("PDF, JPEG or PNG. It is kept privately: only school management and "
                    "communications can open it, and every opening is logged."),
        widget=forms.ClearableFileInput(attrs={"accept": CONTENT_TYPES}))

    def __init__(self, *args: Any, purposes: list[Purpose], deciders: list[Person],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decided_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.filter(pk__in=[p.pk for p in deciders])
        self.purposes = purposes
        for purpose in purposes:
            self.fields[self.field_name(purpose)] = forms.ChoiceField(
                label=purpose.name, required=False, widget=forms.RadioSelect,
                choices=[("", _("not filled in")), (Decision.Choice.GIVEN, _("yes")),
                         (Decision.Choice.REFUSED, _("no"))])

    @staticmethod
    def field_name(purpose: Purpose) -> str:
        return f"p{purpose.pk}"

    def purpose_fields(self) -> list[forms.BoundField]:
        return [self[self.field_name(p)] for p in self.purposes]

    def answers(self) -> dict[Purpose, str]:
        return {p: self.cleaned_data[self.field_name(p)] for p in self.purposes
                if self.cleaned_data.get(self.field_name(p))}
