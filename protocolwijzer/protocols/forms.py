from django import forms
from django.utils.translation import gettext_lazy as _


class ArticleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in this protocol"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}),
                        help_text=_("Words from the text, the summary or an article number "
                                    "such as A.5."))


class AcknowledgeForm(forms.Form):
    # The version the person was shown, so that a page opened before the school switched
    # versions cannot confirm the new text (do_acknowledge refuses it).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
