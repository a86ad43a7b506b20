"""The report form (signed in, anonymous, a parent's link, the public form) and the forms
of a question. Labels and help at reading level B1: pupils use them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.checks.forms import CHANNEL_CHOICES
from protocolwijzer.checks.uploads import RefusedUpload
from protocolwijzer.incidents.reporting import (
    EVIDENCE_FIELD,
    EVIDENCE_LABEL,
    MAX_EVIDENCE_FILES,
    evidence_too_large,
)
from protocolwijzer.schools.models import Person

# A hint for the file picker only: what is accepted is decided by content.
EVIDENCE_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,video/mp4,video/quicktime"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_TYPES}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = list(data) if isinstance(data, (list, tuple)) else [data]
        cleaned, problems = [], []
        for item in items:
            if not item:
                continue
            try:
                cleaned.append(super().clean(item, initial))
            except ValidationError as error:  # an empty file, a name too long
                problems += [_("%(field)s: “%(name)s”: %(problem)s") % {
                    "field": self.label, "name": getattr(item, "name", ""),
                    "problem": message} for message in error.messages]
        if problems:
            raise ValidationError(problems)
        return cleaned


class PersonChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        group = f" ({obj.group.name})" if obj.group_id and obj.group else ""
        return f"{obj.full_name}{group}"


class ReportForm(forms.Form):
    platform = forms.ChoiceField(label=_("Where did it happen?"), choices=CHANNEL_CHOICES,
                                 required=False)
    happened_on = forms.DateField(
        label=_("When did it happen?"), required=False,
        help_text=_("The day you saw it. Not sure? Leave it empty."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    description = forms.CharField(
        label=_("What happened?"), max_length=10_000,
        help_text=_("Tell it in your own words. What did you see or read? Who did it?"),
        widget=forms.Textarea(attrs={"rows": 6}))
    involved = PersonChoices(label=_("Who is involved?"), queryset=Person.objects.none(),
                             required=False, widget=forms.CheckboxSelectMultiple)
    involved_described = forms.CharField(
        label=_("Who is involved? (in your own words)"), required=False, max_length=2_000,
        help_text=_("For example: a name, an account name, or “a boy from 2B”."),
        widget=forms.Textarea(attrs={"rows": 2}))
    link = forms.URLField(label=_("Link to the post or message"), required=False,
                          max_length=500, assume_scheme="https",
                          help_text=_("Copy the address of the post, if you have it."))
    files = MultipleFileField(
        label=EVIDENCE_LABEL, required=False,
        help_text=_("Screenshots (JPEG, PNG, WebP or HEIC) or a video (MP4 or MOV). At most "
                    "%(count)s files.") % {"count": MAX_EVIDENCE_FILES})

    def __init__(self, *args: Any, people: QuerySet[Person] | None = None,
                 refused: list[RefusedUpload] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused = refused or []
        if people is None:
            del self.fields["involved"]
        else:
            field = self.fields["involved"]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = people.select_related("group").order_by(
                "last_name", "first_name", "pk")

    def clean_happened_on(self) -> Any:
        day = self.cleaned_data.get("happened_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for refusal in self.refused:
            # The upload handler stopped reading this file: too large (said with the
            # evidence's own limits), or one too many.
            if refusal.too_large:
                self.add_error(EVIDENCE_FIELD, evidence_too_large(refusal.file_name))
                continue
            self.add_error(EVIDENCE_FIELD, _("%(field)s: %(problem)s") % {
                "field": EVIDENCE_LABEL, "problem": refusal.message})
        return cleaned

    def add_action_errors(self, error: ValidationError) -> None:
        """Shows the action's refusal on the field it names (or above the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class AccountReportForm(ReportForm):
    anonymous = forms.BooleanField(
        label=_("Report anonymously"), required=False,
        help_text=_("Your name is not saved. Your report goes to the aanspreekpunt pesten. "
                    "Do not write your own name in the report if you want to stay "
                    "anonymous."))

    def __init__(self, *args: Any, can_be_anonymous: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_be_anonymous:
            del self.fields["anonymous"]


class PublicReportForm(ReportForm):
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"), required=False,
        help_text=_("Only if the school may ask you something. Without it, nobody knows "
                    "who you are."))
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    solution = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)


class StatusForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=16,
                                help_text=_("It starts with M-, such as M-4K7Q9."))
    secret = forms.CharField(label=_("Secret code"), max_length=64,
                             widget=forms.PasswordInput(render_value=False))


class AskForm(forms.Form):
    offer = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=[("doubt", "doubt"), ("derailing", "derailing")])
    text = forms.CharField(label=_("Anything to add? (optional)"), required=False,
                           max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}))
