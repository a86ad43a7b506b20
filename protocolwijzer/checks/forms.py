"""The checker's form: a situation in everyday words.

The form only collects answers; what they mean for the protocol is decided by the
situation contract (``engine.situation.parse_situation``) and the engine. Choices use the
contract's words as values and plain Dutch as labels.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from protocolwijzer.checks.media import Tagging
from protocolwijzer.checks.uploads import (
    CONTENT_TYPES,
    MAX_FILES,
    RefusedUpload,
)
from protocolwijzer.engine import vocabulary as v
from protocolwijzer.engine.situation import MAX_PEOPLE, MAX_TEXT

Choices = list[tuple[str, str | Promise]]

ACTION_CHOICES: Choices = [
    ("publish", _("Post or share something")),
    ("discuss", _("Take part in an online discussion")),
    ("befriend", _("Become friends with someone")),
    ("contact", _("Have contact with someone")),
    ("like", _("Like something")),
    ("use_social_media", _("Use social media in a lesson")),
]
CONTEXT_CHOICES: dict[str, str | Promise] = {
    "lesson": _("In a lesson"),
    "work": _("At work, outside lessons"),
    "off_duty": _("In my own time"),
}
# Students, parents and others are not "at work" at school: a lesson or their own time.
NON_STAFF_CONTEXTS = ("lesson", "off_duty")
ACCOUNT_CHOICES: dict[str, str | Promise] = {
    "personal": _("My own account"),
    "professional": _("A work account without personal information"),
    "school": _("The school's account"),
}
NON_STAFF_ACCOUNTS = ("personal", "school")
# For a person who is staff and a parent at the school (docs/roles.md).
CAPACITY_CHOICES: dict[str, str | Promise] = {
    "staff": _("As a staff member (or in the staff section of the MR)"),
    "parent": _("As a parent (or in the parent section of the MR)"),
}
CHANNEL_LABELS: dict[str, str | Promise] = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X (Twitter)",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
    "snapchat": "Snapchat",
    "whatsapp": "WhatsApp",
    "class_group_app": _("Class app (such as Parro or Klasbord)"),
    "school_website": _("The school's website"),
    "yearbook": _("Yearbook"),
    "schoolgids": _("School guide (schoolgids)"),
    "newsletter": _("Newsletter"),
    "school_screen": _("Screens in the school"),
}
# No channel named means "social media" in the contract: the honest answer for "another
# app" and for "I don't know yet".
CHANNEL_CHOICES: Choices = [("", _("Other social media, or I don't know yet")),
                            *((code, CHANNEL_LABELS.get(code, code))
                              for code in v.KNOWN_CHANNELS)]
TARGET_CHOICES: Choices = [
    ("", _("Nobody in particular")),
    ("student", _("A student")),
    ("parent", _("A parent or guardian")),
    ("former_student", _("A former student")),
    ("staff", _("A staff member or teacher")),
    ("school_page", _("The school's page")),
]
TARGET_ACCOUNT_CHOICES: Choices = [
    ("", _("I don't know")),
    ("personal", _("Their own account")),
    ("professional", _("A work account without personal information")),
    ("school", _("The school's account")),
]
PERMISSION_CHOICES: Choices = [
    ("", _("No permission")),
    ("teacher", _("Yes, from the teacher")),
    ("school_leadership", _("Yes, from the school management")),
]
YES_NO: Choices = [("yes", _("Yes")), ("no", _("No"))]
MEDIA_KIND_CHOICES: Choices = [
    ("photo", _("Photo")),
    ("video", _("Video")),
    ("audio", _("Sound recording")),
]

# Form fields by the situation field a contract problem names (engine/situation.py).
FIELD_FOR_PROBLEM = {
    "action": "action",
    "context": "context",
    "school_related": "school_related",
    "channel": "channel",
    "account": "account",
    "target": "target_role",
    "target.role": "target_role",
    "target.account": "target_account",
    "permission": "permission",
    "permission.granted_by": "permission",
    "post": "text",
    "post.text": "text",
}

# The contract decides what is missing; for the problems this form can run into, the page
# says it in the form's own words instead of the contract's field names and codes.
PROBLEM_MESSAGES: dict[str, str | Promise] = {
    "target": _("Say who it is about. That is needed for becoming friends, having contact "
                "or liking."),
}


class CheckForm(forms.Form):
    action = forms.ChoiceField(label=_("What do you want to do?"), choices=ACTION_CHOICES,
                               widget=forms.RadioSelect)
    context = forms.ChoiceField(label=_("When?"), widget=forms.RadioSelect)
    school_related = forms.ChoiceField(
        label=_("Does this have to do with school?"), choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("For example: it is about a lesson, a school trip, a classmate, a "
                    "teacher or the school itself."))
    channel = forms.ChoiceField(label=_("Where?"), choices=CHANNEL_CHOICES, required=False)
    account = forms.ChoiceField(label=_("With which account?"), widget=forms.RadioSelect,
                                initial="personal")
    target_role = forms.ChoiceField(
        label=_("Who is it about?"), choices=TARGET_CHOICES, required=False,
        help_text=_("Only for becoming friends, having contact or liking."))
    target_account = forms.ChoiceField(
        label=_("Which account does the other person use?"), choices=TARGET_ACCOUNT_CHOICES,
        required=False, help_text=_("Only when you become friends with a staff member."))
    permission = forms.ChoiceField(
        label=_("Do you have permission?"), choices=PERMISSION_CHOICES, required=False,
        widget=forms.RadioSelect, initial="",
        help_text=_("Only for social media in a lesson."))
    text = forms.CharField(
        label=_("Your text"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paste the message you want to post or send. We only use it for this "
                    "check and do not store it."))
    # The version in force on this day decides (protocols/lifecycle.py): a situation from
    # before a new version came into force keeps the verdict of its own day.
    date = forms.DateField(
        label=_("Date of the situation"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave it as it is for something you are about to do. For something "
                    "that happened earlier, the protocol in force on that day counts."))

    def __init__(self, *args: Any, role: str, capacities: tuple[str, ...] = (),
                 **kwargs: Any) -> None:
        """``role`` is the contract's actor.role of the person checking: it decides which
        contexts and accounts make sense to offer. ``capacities`` are the roles a person
        who is both (a teacher who is also a parent) may act in: only then the form asks
        in which capacity they act (``capacity``)."""
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.capacities = capacities if len(capacities) > 1 else ()
        if self.capacities:
            self.fields["capacity"] = forms.ChoiceField(
                label=_("In which capacity do you do this?"), widget=forms.RadioSelect,
                choices=[(code, CAPACITY_CHOICES[code]) for code in self.capacities],
                initial=self.capacities[0],
                help_text=_("You are staff and a parent at this school. The protocol has "
                            "different rules for each."))
            self.order_fields(["capacity"])
            role = "staff" if "staff" in self.capacities else role
        staff = role == "staff"
        contexts = v.CONTEXTS if staff else NON_STAFF_CONTEXTS
        accounts = v.ACCOUNTS if staff else NON_STAFF_ACCOUNTS
        context_field = self.fields["context"]
        account_field = self.fields["account"]
        assert isinstance(context_field, forms.ChoiceField)
        assert isinstance(account_field, forms.ChoiceField)
        context_field.choices = [(code, CONTEXT_CHOICES[code]) for code in contexts]
        account_field.choices = [(code, ACCOUNT_CHOICES[code]) for code in accounts]


    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        capacity = cleaned.get("capacity")
        if capacity and capacity != "staff":
            if cleaned.get("context") not in (None, "", *NON_STAFF_CONTEXTS):
                self.add_error("context", _("As a parent you are not at work. Choose “In a "
                                            "lesson” or “In my own time”."))
            if cleaned.get("account") not in (None, "", *NON_STAFF_ACCOUNTS):
                self.add_error("account", _("As a parent you do not use a work account. "
                                            "Choose your own account or the school's."))
        return cleaned

    def actor_role(self, default: str) -> str:
        """The actor.role of this check: the chosen capacity, else ``default``."""
        return getattr(self, "cleaned_data", {}).get("capacity") or default


class PhotoForm(forms.Form):
    """One photo, video or recording.

    With a file, the file becomes a media item (``media.actions.do_upload_media``): its
    faces are found and the slot then carries the item (``item``), one field per face to
    say who it is (``face_<n>``, ``face_<n>_removed``) and the class chosen for the list
    (``group``). Without a file, and for sound, the counts say who is on it.
    """

    photo = forms.FileField(
        label=_("Photo or video"), required=False,
        widget=forms.FileInput(attrs={"accept": CONTENT_TYPES}))
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("What is it?"), choices=MEDIA_KIND_CHOICES,
                             initial="photo")
    students_given = forms.IntegerField(
        label=_("Students who said yes"), required=False, min_value=0, max_value=MAX_PEOPLE)
    students_refused = forms.IntegerField(
        label=_("Students who said no"), required=False, min_value=0, max_value=MAX_PEOPLE)
    students_unknown = forms.IntegerField(
        label=_("Students of whom you don't know"), required=False, min_value=0,
        max_value=MAX_PEOPLE)
    # Without counts and without this, the form has not said who is on it: the checker
    # then asks (A.5). Checked, it says that nobody is on it.
    nobody = forms.BooleanField(label=_("Nobody is on it"), required=False)
    # A box drawn around a face that was missed: x1,y1,x2,y2 in the photo's pixels.
    draw = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)

    def __init__(self, *args: Any, refused: dict[str, RefusedUpload] | None = None,
                 tagging: Tagging | None = None, can_upload: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused = refused or {}
        self.tagging = tagging
        if not can_upload:
            # Students, parents and the MR describe a photo; only staff upload one, because
            # only they may tag pupils from a class list (Right.CHECK_MEDIA).
            del self.fields["photo"]
        if self.add_prefix("photo") in self.refused:
            # The handler dropped the file, so the slot looks untouched; it must still
            # be cleaned to say why.
            self.empty_permitted = False
        if tagging is not None:
            self._add_face_fields(tagging)

    def _add_face_fields(self, tagging: Tagging) -> None:
        # The item's kind comes from its content; the slot shows no choice of kind.
        self.fields["kind"].required = False
        self.fields["group"] = forms.ChoiceField(
            label=_("Class"), required=False,
            choices=[(str(group.pk), group.name) for group in tagging.groups],
            initial=str(tagging.group.pk) if tagging.group else "")
        choices = tagging.choices()
        for face in tagging.faces:
            self.fields[f"face_{face.number}"] = forms.ChoiceField(
                label=_("Face %(number)s") % {"number": face.number}, required=False,
                choices=choices, initial=tagging.value_of(face))
            self.fields[f"face_{face.number}_removed"] = forms.BooleanField(
                label=_("Not a face: remove box %(number)s") % {"number": face.number},
                required=False, initial=face.removed)

    def face_fields(self) -> list[tuple[Any, BoundField, BoundField]]:
        """(face, who, removed) per face, for the template."""
        if self.tagging is None:
            return []
        return [(face, self[f"face_{face.number}"], self[f"face_{face.number}_removed"])
                for face in self.tagging.faces]

    def clean_photo(self) -> Any:
        refused = self.refused.get(self.add_prefix("photo"))
        if refused is not None:
            raise ValidationError(refused.message, code="refused")
        return self.cleaned_data.get("photo")

    def clean_draw(self) -> tuple[int, int, int, int] | None:
        value = (self.cleaned_data.get("draw") or "").strip()
        if not value:
            return None
        item = self.tagging.item if self.tagging else None
        try:
            x1, y1, x2, y2 = (round(float(part)) for part in value.split(","))
        except ValueError:
            x1 = y1 = x2 = y2 = -1
        width = getattr(item, "width", None) or 0
        height = getattr(item, "height", None) or 0
        if item is None or not (0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height):
            raise ValidationError(_("Draw the box inside the photo."), code="bad_box")
        return (x1, y1, x2, y2)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("nobody") and any(self.counts().values()):
            self.add_error("nobody", _("You filled in students and also that nobody is on "
                                       "it. Choose one of the two."))
        if sum(self.counts().values()) > MAX_PEOPLE:
            self.add_error(None, _("At most %(limit)s people per photo.")
                           % {"limit": MAX_PEOPLE})
        return cleaned

    def counts(self) -> dict[str, int]:
        """How many students on it said yes, no, or are not known, by consent state."""
        data = getattr(self, "cleaned_data", {})
        return {"given": data.get("students_given") or 0,
                "refused": data.get("students_refused") or 0,
                "unknown": data.get("students_unknown") or 0}

    @property
    def media_item(self) -> Any:
        return self.tagging.item if self.tagging else None

    @property
    def uses_counts(self) -> bool:
        """Whether the counts say who is on it: no file with faces (sound, or nothing)."""
        item = self.media_item
        return item is None or item.kind == "sound"

    @property
    def is_used(self) -> bool:
        """Whether this slot describes anything: a file, people on it, or nobody."""
        data = getattr(self, "cleaned_data", {})
        return (self.media_item is not None or bool(data.get("photo"))
                or any(self.counts().values()) or bool(data.get("nobody")))

    @property
    def people_stated(self) -> bool:
        """Whether the slot says who is on it: faces found, students counted, or nobody."""
        if not self.uses_counts:
            return True
        return any(self.counts().values()) or bool(
            getattr(self, "cleaned_data", {}).get("nobody"))


class BasePhotoFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, refused: list[RefusedUpload] | None = None,
                 taggings: dict[int, Tagging] | None = None, can_upload: bool = True,
                 **kwargs: Any) -> None:
        refused = refused or []
        self.taggings = taggings or {}
        self.refused_elsewhere = []
        by_field: dict[str, RefusedUpload] = {}
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        slots = {f"{prefix}-{index}-photo" for index in range(MAX_FILES)}
        for item in refused:
            if item.field_name in slots and item.field_name not in by_field:
                by_field[item.field_name] = item
            else:
                self.refused_elsewhere.append(item)
        kwargs.setdefault("form_kwargs", {})["refused"] = by_field
        kwargs["form_kwargs"]["can_upload"] = can_upload
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        if index is not None and index in self.taggings:
            kwargs["tagging"] = self.taggings[index]
        return kwargs

    def clean(self) -> None:
        if self.refused_elsewhere:
            raise ValidationError([ValidationError(item.message, code="refused")
                                   for item in self.refused_elsewhere])

    def used_forms(self) -> list[PhotoForm]:
        return [form for form in self.forms if form.is_used]  # type: ignore[attr-defined]


# No JavaScript needed: every slot is in the page; the first is open, the others fold away.
PhotoFormSet = forms.formset_factory(
    PhotoForm, formset=BasePhotoFormSet, extra=MAX_FILES, max_num=MAX_FILES,
    absolute_max=MAX_FILES, validate_max=True)
