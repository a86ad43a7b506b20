from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from protocolwijzer.protocols.importing.reading import MAX_FILE_BYTES
from protocolwijzer.protocols.importing.review import ARTICLE_ID, CONFIRM, DROP, LATER
from protocolwijzer.schools.models import School


class ArticleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in this protocol"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}),
                        help_text=_("Words from the text, the summary or an article number "
                                    "such as A.5."))


class AcknowledgeForm(forms.Form):
    # The version the person was shown, so that a page opened before the school switched
    # versions cannot confirm the new text (do_acknowledge refuses it).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


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
