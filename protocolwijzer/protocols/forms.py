from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.protocols.acknowledging import AUDIENCE_LABELS, Audience
from protocolwijzer.protocols.models import (
    INSTEMMING_BODIES,
    AcknowledgementSettings,
    InstemmingDecision,
)
from protocolwijzer.schools.models import Group, School


class ArticleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in this protocol"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}),
                        help_text=_("Words from the text, the summary or an article number "
                                    "such as A.5."))


class AcknowledgeForm(forms.Form):
    # The version the person was shown, so that a page opened before the school switched
    # versions cannot confirm the new text (do_acknowledge refuses it).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _today() -> date:
    return timezone.localdate()


class CopyForm(forms.Form):
    # A version the school may start from: its version in force or a built-in protocol.
    version = forms.TypedChoiceField(label=_("Start from"), coerce=int)

    def __init__(self, *args: Any, versions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = versions


class SubmitForm(forms.Form):
    bodies = forms.MultipleChoiceField(
        label=_("Submit for instemming to"), widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, label in INSTEMMING_BODIES.items()])
    submitted_on = forms.DateField(label=_("Submitted on"), initial=_today,
                                   widget=_DateInput())


class DecisionForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"))
    outcome = forms.ChoiceField(label=_("Given or refused"), widget=forms.RadioSelect,
                                choices=InstemmingDecision.Outcome.choices)
    decided_on = forms.DateField(label=_("Date of the meeting"), widget=_DateInput())
    minutes_reference = forms.CharField(
        label=_("Minutes reference"), max_length=200,
        help_text=_("Where the decision is recorded, for instance “notulen MR 12 maart "
                    "2026, punt 4”."))

    def __init__(self, *args: Any, bodies: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(code, INSTEMMING_BODIES.get(code, code)) for code in bodies]


class AdoptForm(forms.Form):
    adopted_by = forms.CharField(label=_("Adopted (vastgesteld) by"), max_length=200,
                                 initial=_("the school board"))
    adopted_on = forms.DateField(label=_("Adopted on"), initial=_today, widget=_DateInput())


class InForceForm(forms.Form):
    in_force_from = forms.DateField(label=_("In force from"), initial=_today,
                                    widget=_DateInput())


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Puts an action's ValidationError on the fields it names (the rest on the form)."""
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class ReminderForm(forms.Form):
    """Who a reminder is for: everyone who has not confirmed, or one group or audience."""

    voor = forms.ChoiceField(label=_("Who"), required=False)
    groep = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int,
                                   empty_value=None)

    def __init__(self, *args: Any, school: School, parents_asked: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        audiences = [a for a in Audience if parents_asked or a != Audience.PARENTS]
        self.fields["voor"].choices = [("", _("Everyone")), *[
            (str(a), AUDIENCE_LABELS[a]) for a in audiences]]
        self.fields["groep"].choices = [("", _("All groups")), *[
            (g.pk, g.name) for g in Group.objects.filter(school=school).order_by("name")]]
        self.fields["groep"].help_text = _("A group means its pupils and their parents; "
                                           "staff belong to no group.")


class AcknowledgementSettingsForm(forms.ModelForm):
    class Meta:
        model = AcknowledgementSettings
        fields = ["ask_parents"]
