from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools import importing
from protocolwijzer.schools.models import Group, Person, School


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Person.Role.choices)


class RoleChangeForm(RoleForm):
    """The role chosen on the person's page, then confirmed; for a role that needs
    two-factor sign-in with the code of the person who gives it (issue 14)."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=12, required=False,
        help_text=_("Six digits; the app shows a new code every 30 seconds."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "size": 8}))

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data.get("code") or "").split())


class TeachingGroupsForm(forms.Form):
    """The groups a staff member teaches, chosen from their own school's groups."""

    teaches = forms.ModelMultipleChoiceField(
        label=_("Teaches these groups"), queryset=Group.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teaches"].queryset = Group.objects.filter(school=school).order_by("name")


class AllGroupsForm(forms.Form):
    sees_all_groups = forms.BooleanField(
        label=_("May see the students of every group"), required=False,
        help_text=_("For a conciërge, or a photographer on a school-wide day."))


class ImportUploadForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    empty_label=None)
    source = forms.ChoiceField(label=_("Student administration"),
                               choices=list(importing.SOURCES.items()))
    file = forms.FileField(label=_("Export file (CSV or Excel .xlsx)"), help_text=_(
        "At most 5 MB. The first row holds the column names."))

    def __init__(self, *args: Any, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.only_school = schools[0] if len(schools) == 1 else None
        if self.only_school is not None:
            # Nothing to choose: the field is left out of the page.
            self.fields["school"].required = False
            self.fields["school"].widget = forms.HiddenInput()

    def clean_school(self) -> School | None:
        return self.cleaned_data.get("school") or self.only_school


class ImportMappingForm(forms.Form):
    """One choice per field of ours: which column of the file holds it."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", _("— not in the file —")), *((h, h) for h in headers if h)]
        for name in importing.FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=importing.field_label(name), choices=choices,
                required=name in importing.REQUIRED_FIELDS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mapping = {name: cleaned.get(name) or "" for name in importing.FIELDS}
        try:
            importing.check_mapping(self.headers, mapping)
        except importing.FileRefused as refused:
            raise forms.ValidationError(refused.message) from None
        cleaned["mapping"] = {name: header for name, header in mapping.items() if header}
        return cleaned

    def student_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in importing.STUDENT_FIELDS]

    def guardian_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in importing.GUARDIAN_FIELDS]
