"""Forms of the publication log's pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from protocolwijzer.checks.forms import CHANNEL_LABELS
from protocolwijzer.engine.vocabulary import KNOWN_CHANNELS
from protocolwijzer.publications.models import Publication, TakedownTask
from protocolwijzer.schools.models import Group, Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The checker's channels. "Other social media" is no channel in the situation contract
# (the contract's default): the form names it OTHER_CHANNEL, the log stores "".
OTHER_CHANNEL = "other"
CHANNEL_CHOICES = [("", _("Choose where")),
                   *((code, CHANNEL_LABELS.get(code, code)) for code in KNOWN_CHANNELS),
                   (OTHER_CHANNEL, _("Other social media"))]


class StudentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class PublicationForm(forms.Form):
    """What was published, where and when, and which pupils are on it.

    The pupils are chosen per group: the list shows the chosen group's pupils and every
    pupil already ticked (from another group of the same event), so switching the group
    keeps the choice.
    """

    description = forms.CharField(
        label=_("What did you publish?"), max_length=200,
        help_text=_("For example: photos of the school trip to the zoo."),
        error_messages={"required": _("Say in a few words what you published.")})
    kind = forms.ChoiceField(label=_("Photo or video?"),
                             choices=[(value, capfirst(label))
                                      for value, label in Publication.Kind.choices],
                             initial=Publication.Kind.PHOTO, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Where?"), choices=CHANNEL_CHOICES,
                                error_messages={"required": _("Choose where you published it.")})
    link = forms.URLField(
        label=_("Link"), required=False, max_length=500, assume_scheme="https",
        help_text=_("Where it can be found, if it has an address. Communicatie needs it "
                    "to take it down."),
        error_messages={"invalid": _("A link starts with https:// or http://.")})
    published_on = forms.DateField(
        label=_("Published on"), widget=DATE_WIDGET,
        error_messages={"required": _("Fill in the day you published it."),
                        "invalid": _("This is not a valid date.")})
    group = forms.ModelChoiceField(queryset=Group.objects.none(), required=False,
                                   label=_("Class"), empty_label=_("Choose a class"))
    students = StudentChoiceField(
        queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Who is on it?"))
    check_record = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, groups: QuerySet[Group], students: QuerySet[Person],
                 shown_students: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups
        student_field = self.fields["students"]
        assert isinstance(student_field, forms.ModelMultipleChoiceField)
        # Any pupil the user may see is a valid choice; the page lists the shown ones.
        student_field.queryset = students
        self.shown_students = shown_students

    def clean_published_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["published_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of publication cannot be in the future."))
        return day

    def channel_code(self) -> str:
        """The channel as the log and the situation contract store it."""
        channel: str = self.cleaned_data["channel"]
        return "" if channel == OTHER_CHANNEL else channel

    def published_at(self) -> datetime.datetime:
        """Today: now; an earlier day: noon of that day (the log needs the day, and an
        exact time is rarely known afterwards)."""
        day: datetime.date = self.cleaned_data["published_on"]
        if day == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


class CompleteTakedownForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What did you do?"), widget=forms.RadioSelect,
        choices=[(TakedownTask.Status.REMOVED,
                  _("Removed: the student can no longer be seen in it")),
                 (TakedownTask.Status.REPLACED,
                  _("Replaced by a version in which the student cannot be recognised"))],
        error_messages={"required": _("Choose what you did.")})
    replacement_link = forms.URLField(
        label=_("Link to the new version (if replaced)"), required=False, max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("A link starts with https:// or http://.")})


class TakedownTermsForm(forms.Form):
    working_days = forms.IntegerField(
        label=_("Working days to take down what was published after a withdrawal"),
        min_value=1, max_value=30,
        help_text=_("Parents read this number on their page. Monday to Friday count."))
    retention_months = forms.IntegerField(
        label=_("Months to keep the log of publications that are offline"),
        min_value=1, max_value=120,
        help_text=_("A publication that is no longer online, and a finished take-down "
                    "task, leave the log after this many months."))
