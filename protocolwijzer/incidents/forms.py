"""The handler's forms. The triage form builds a situation in the contract's words
(shared/spec/situation.md) from what the report and the evidence say; the measure form
offers only what the protocol file names, and chooses nothing in advance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.checks.forms import (
    ACTION_CHOICES,
    CHANNEL_CHOICES,
    CONTEXT_CHOICES,
    MEDIA_KIND_CHOICES,
    TARGET_CHOICES,
    YES_NO,
)
from protocolwijzer.engine.situation import MAX_PEOPLE, MAX_TEXT
from protocolwijzer.incidents.actions import Option
from protocolwijzer.incidents.models import Case, CasePerson, Duty
from protocolwijzer.schools.models import Person

ROLE_CHOICES = [
    ("staff", _("A staff member")),
    ("student", _("A student")),
    ("parent", _("A parent or guardian")),
    ("other", _("Someone else")),
]
ACCOUNT_CHOICES = [
    ("", _("Unknown")),
    ("personal", _("Their own account")),
    ("professional", _("A work account without personal information")),
    ("school", _("The school's account")),
]
CONSENT_CHOICES = [
    ("unknown", _("Not known, or not everyone")),
    ("refused", _("No, someone on it said no")),
    ("given", _("Yes, everyone on it explicitly agreed")),
]
SEVERITY_HELP = _("Boundary-crossing: a staff member towards a pupil. Possibly a criminal "
                  "offence: a threat, or anything the police may have to judge.")


def _person_label(person: Person) -> str:
    group = f" ({person.group.name})" if person.group_id and person.group else ""
    return f"{person.full_name}{group} · {person.get_role_display()}"


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return _person_label(obj)


class LinkPersonForm(forms.Form):
    person = PersonChoiceField(label=_("Who"), queryset=Person.objects.none(),
                               empty_label=_("Choose a person"))
    part = forms.ChoiceField(label=_("Part"), choices=CasePerson.Part.choices,
                             widget=forms.RadioSelect, initial=CasePerson.Part.SUBJECT)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people.select_related("group")


class TriageForm(forms.Form):
    actor_role = forms.ChoiceField(label=_("Whose behaviour is it?"), choices=ROLE_CHOICES,
                                   widget=forms.RadioSelect)
    context = forms.ChoiceField(label=_("When did it happen?"),
                                choices=list(CONTEXT_CHOICES.items()),
                                widget=forms.RadioSelect, initial="off_duty")
    school_related = forms.ChoiceField(label=_("Does it have to do with school?"),
                                       choices=YES_NO, widget=forms.RadioSelect,
                                       initial="yes")
    action = forms.ChoiceField(label=_("What did they do?"), choices=ACTION_CHOICES,
                               widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Where?"), choices=CHANNEL_CHOICES, required=False)
    account = forms.ChoiceField(label=_("With which account?"), choices=ACCOUNT_CHOICES,
                                required=False)
    target_role = forms.ChoiceField(label=_("At whom was it aimed?"), choices=TARGET_CHOICES,
                                    required=False)
    text = forms.CharField(
        label=_("The text of the post or message"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("From the report or the evidence: the analyser marks what it finds in "
                    "it."))
    media_kind = forms.ChoiceField(label=_("Was there a photo, video or recording?"),
                                   choices=[("", _("No")), *MEDIA_KIND_CHOICES],
                                   required=False)
    media_people = forms.IntegerField(label=_("How many people are on it?"), min_value=0,
                                      max_value=MAX_PEOPLE, required=False, initial=0)
    media_students = forms.BooleanField(label=_("Students are on it"), required=False)
    media_consent = forms.ChoiceField(label=_("Did everyone on it agree to it being posted?"),
                                      choices=CONSENT_CHOICES, required=False,
                                      initial="unknown")
    severity = forms.ChoiceField(label=_("How serious is it?"),
                                 choices=[("", _("Not classified yet")),
                                          *Case.Severity.choices],
                                 required=False, help_text=SEVERITY_HELP)

    def situation(self) -> dict[str, Any]:
        """The situation in the contract's words (the protocol is added by do_triage)."""
        data = self.cleaned_data
        situation: dict[str, Any] = {
            "actor": {"role": data["actor_role"]}, "context": data["context"],
            "school_related": data["school_related"] == "yes", "action": data["action"]}
        if data.get("channel"):
            situation["channel"] = data["channel"]
        if data.get("account"):
            situation["account"] = data["account"]
        if data.get("target_role"):
            situation["target"] = {"role": data["target_role"]}
        post: dict[str, Any] = {}
        if data.get("text"):
            post["text"] = data["text"]
        if data.get("media_kind"):
            role = "student" if data.get("media_students") else "other"
            consent = data.get("media_consent") or "unknown"
            post["media"] = [{"kind": data["media_kind"],
                              "people": [{"role": role, "consent": consent}
                                         for _ in range(data.get("media_people") or 0)]}]
        if post:
            situation["post"] = post
        return situation


class SeverityForm(forms.Form):
    severity = forms.ChoiceField(label=_("How serious is it?"), choices=Case.Severity.choices,
                                 widget=forms.RadioSelect, help_text=SEVERITY_HELP)


class MeasureForm(forms.Form):
    """The measures the protocol allows for one person, mildest first, none chosen."""

    measure = forms.ChoiceField(label=_("Measure decided"), widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Decided on"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("How serious it was and what it led to: the "
                                         "protocol makes the measure depend on that."))

    def __init__(self, *args: Any, options: list[Option], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [  # type: ignore[attr-defined]
            (o.measure, f"{o.measure} ({o.article})") for o in options]
        self.fields["decided_on"].initial = timezone.localdate()

    def clean_decided_on(self) -> Any:
        day = self.cleaned_data["decided_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class DutyDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False,
                                help_text=_("Such as the police's number of the aangifte, or "
                                            "who you spoke to."))


class DutyWaiveForm(forms.Form):
    reason = forms.CharField(label=_("Why this duty does not apply"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class AddDutyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Duty"), choices=Duty.Kind.choices,
                             initial=Duty.Kind.INFORM_PARENTS)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why the case can be closed"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class HandlerForm(forms.Form):
    handler = PersonChoiceField(label=_("Handler"), queryset=Person.objects.none())

    def __init__(self, *args: Any, staff: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff


class IncidentSettingsForm(forms.Form):
    aanspreekpunt = PersonChoiceField(
        label=_("Aanspreekpunt pesten"), queryset=Person.objects.none(), required=False,
        empty_label=_("Nobody yet"),
        help_text=_("The staff member pupils can turn to about bullying, also "
                    "anonymously. Anonymous reports go to them."))
    triage_days = forms.IntegerField(label=_("Days for triage"), min_value=1, max_value=60)
    retention_years = forms.IntegerField(label=_("Years to keep dossier entries"),
                                         min_value=1, max_value=20)

    def __init__(self, *args: Any, staff: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["aanspreekpunt"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff
