from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from protocolwijzer.protocols.acknowledging import AUDIENCE_LABELS, Audience
from protocolwijzer.protocols.importing.reading import MAX_FILE_BYTES
from protocolwijzer.protocols.importing.review import ARTICLE_ID, CONFIRM, DROP, LATER
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


AT_END = "end:"  # a place's value: at the end of the section "end:A"
AFTER = "after:"  # a place's value: after the article "after:A.5"


class ArticleAddForm(forms.Form):
    """A new article of a concept. Every field may arrive empty: ``do_add_article`` says
    what is missing, naming the field, so the messages are the same everywhere."""

    place = forms.ChoiceField(label=_("Where does it go?"), required=False)
    article_id = forms.CharField(
        label=_("Article number"), required=False, max_length=40,
        help_text=_("The part's letters, a dot and a number that is not used yet, such as "
                    "A.13."))
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    text = forms.CharField(label=_("Text, as it binds"), required=False, max_length=20_000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    summary = forms.CharField(label=_("In plain words (B1)"), required=False,
                              max_length=5_000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, sections: Sequence[Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "nieuw-%s")  # apart from the editor's own fields
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", _("Choose a place"))]
        for section in sections:
            heading = gettext("Part %(id)s") % {"id": section.id}
            if section.title:
                title = section.title if len(section.title) <= 50 else (
                    section.title[:48].rstrip() + "…")
                heading = f"{heading}: {title}"
            choices.append((heading, [
                *[(AFTER + article, gettext("After article %(id)s") % {"id": article})
                  for article in section.articles],
                (AT_END + section.id, gettext("At the end of part %(id)s")
                 % {"id": section.id} if section.articles
                 else gettext("In part %(id)s") % {"id": section.id})]))
        field = self.fields["place"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        self.next_ids = {**{AT_END + s.id: s.next_id for s in sections},
                         **{AFTER + a: s.next_id for s in sections for a in s.articles}}

    def placed(self, sections: Sequence[Any]) -> tuple[str, str | None]:
        """(section, article after which or None) of the chosen place; ("", None) for
        none chosen."""
        place = self.cleaned_data.get("place") or ""
        if place.startswith(AT_END):
            return place[len(AT_END):], None
        if place.startswith(AFTER):
            article = place[len(AFTER):]
            for section in sections:
                if article in section.articles:
                    return section.id, article
        return "", None


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


# --- Importing a school's own protocol document (issue 16) ---------------------------------

class ProtocolDocumentForm(forms.Form):
    """The upload: one document, and for someone who acts for several schools, which one."""

    document = forms.FileField(label=_("Your protocol document"))

    def __init__(self, *args: Any, schools: Sequence[School] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Filled in here, not at import time: the limit goes into the active language's text.
        self.fields["document"].help_text = gettext(
            "A Word file (DOCX), a PDF with text or a plain text file, at most %(limit)s "
            "MB.") % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        if len(schools) > 1:
            self.fields["school"] = forms.TypedChoiceField(
                label=_("For which school"), coerce=int,
                choices=[(school.pk, school.name) for school in schools])
            self.order_fields(["school", "document"])

    def refuse(self, message: str) -> None:
        """Shows the upload refused at its field before the form read it (too large)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error("document", message)


class ImportReviewForm(forms.Form):
    """Per imported article its id (editable) and, where a rule was proposed, what to do with
    the proposal. Fields are numbered in reading order (``id-3``, ``besluit-3``), so a
    changed id never changes a field's name."""

    def __init__(self, *args: Any, articles: Sequence[tuple[str, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.imported_ids = [article_id for article_id, _proposed in articles]
        for index, (article_id, proposed) in enumerate(articles):
            self.fields[f"id-{index}"] = forms.CharField(
                label=_("Article id"), initial=article_id, max_length=40, strip=True)
            if proposed:
                self.fields[f"besluit-{index}"] = forms.ChoiceField(
                    # Not chosen is "decide later": nothing is confirmed without a person.
                    label=_("The proposed rules"), initial=LATER, widget=forms.RadioSelect,
                    required=False,
                    choices=[(CONFIRM, _("Confirm")), (LATER, _("Decide later")),
                             (DROP, _("Drop"))])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: dict[str, int] = {}
        for index, _imported in enumerate(self.imported_ids):
            name = f"id-{index}"
            value = cleaned.get(name)
            if value is None:
                continue
            if not ARTICLE_ID.match(value):
                self.add_error(name, _("An article id starts with a letter and has only "
                                       "letters and digits, in parts separated by a full "
                                       "stop, such as A.5 or art.2.3."))
            elif value in seen:
                self.add_error(name, _("The id %(id)s is already used by another article.")
                               % {"id": value})
            else:
                seen[value] = index
        return cleaned

    def decisions(self) -> dict[str, str]:
        return {imported: self.cleaned_data[f"besluit-{index}"] or LATER
                for index, imported in enumerate(self.imported_ids)
                if f"besluit-{index}" in self.cleaned_data}

    def renames(self) -> dict[str, str]:
        return {imported: self.cleaned_data[f"id-{index}"]
                for index, imported in enumerate(self.imported_ids)
                if self.cleaned_data.get(f"id-{index}", imported) != imported}
