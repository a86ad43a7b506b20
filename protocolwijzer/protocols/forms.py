from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from protocolwijzer.protocols.acknowledging import AUDIENCE_LABELS, Audience
from protocolwijzer.protocols.models import AcknowledgementSettings
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
