"""The words of the situation contract (shared/spec/situation.md).

These are the contract's vocabulary, not any protocol's content: every protocol file is
written in these words, and the engine refuses a file or a situation that uses others.
"""

from __future__ import annotations

from typing import Final, Literal

Role = Literal["staff", "student", "parent", "other"]
Context = Literal["lesson", "work", "off_duty"]
Action = Literal["use_social_media", "publish", "discuss", "befriend", "contact", "like"]
Account = Literal["personal", "professional", "school"]
TargetRole = Literal["student", "parent", "former_student", "staff", "school_page"]
PermissionGiver = Literal["teacher", "school_leadership"]
MediaKind = Literal["photo", "video", "audio"]
ConsentState = Literal["given", "refused", "unknown"]
PersonRole = Literal["student", "staff", "parent", "other"]
Effect = Literal["forbidden", "allowed", "obligation", "advice"]
# legal_duty: what the law, not the protocol, asks of the school (a meldplicht).
ConsequenceKind = Literal["dossier", "measures", "escalation", "aangifte", "legal_duty"]

ROLES: Final = ("staff", "student", "parent", "other")
CONTEXTS: Final = ("lesson", "work", "off_duty")
ACTIONS: Final = ("use_social_media", "publish", "discuss", "befriend", "contact", "like")
ACCOUNTS: Final = ("personal", "professional", "school")
TARGET_ROLES: Final = ("student", "parent", "former_student", "staff", "school_page")
PERMISSION_GIVERS: Final = ("teacher", "school_leadership")
MEDIA_KINDS: Final = ("photo", "video", "audio")
CONSENT_STATES: Final = ("given", "refused", "unknown")
PERSON_ROLES: Final = ("student", "staff", "parent", "other")
EFFECTS: Final = ("forbidden", "allowed", "obligation", "advice")
CONSEQUENCE_KINDS: Final = ("dossier", "measures", "escalation", "aangifte", "legal_duty")

KNOWN_CHANNELS: Final = (
    "facebook", "instagram", "x", "tiktok", "youtube", "linkedin", "snapchat", "whatsapp",
    "class_group_app", "school_website", "yearbook", "schoolgids", "newsletter",
    "school_screen",  # screens in the school's hall (narrowcasting)
)
# The contract says these are not social media: a protocol's social-media articles do not
# reach them, but a protocol may still regulate them by name (Willibrord A.8).
NOT_SOCIAL_MEDIA: Final = frozenset({"school_website", "schoolgids", "newsletter", "yearbook",
                                     "school_screen"})

# Every fact a rule's condition may test, with its type. A condition on any other name
# is refused when the protocol file is loaded.
# A fact's type: ("enum", values), ("bool", ()), ("int", ()) or ("str", ()).
FactType = tuple[str, tuple[str, ...]]

FACTS: Final[dict[str, FactType]] = {
    "actor.role": ("enum", ROLES),
    "context": ("enum", CONTEXTS),
    "action": ("enum", ACTIONS),
    "school_related": ("bool", ()),
    # The text names the school, its people or its events: an overlap with school that a
    # scope reason may test (doelgroep.2), whatever the person declared.
    "text.school_reference": ("bool", ()),
    "channel": ("str", ()),
    "channel.social_media": ("bool", ()),
    "account": ("enum", ACCOUNTS),
    "target.role": ("enum", TARGET_ROLES),
    "target.account": ("enum", ACCOUNTS),
    "permission.granted_by": ("enum", PERMISSION_GIVERS),
    "text.present": ("bool", ()),
    "text.personal_data": ("bool", ()),
    "text.names": ("bool", ()),
    "text.abusive": ("bool", ()),
    "text.profanity": ("bool", ()),
    "text.threat": ("bool", ()),
    "text.boundary_crossing": ("bool", ()),
    "text.confidential": ("bool", ()),
    "text.reputation_harm": ("bool", ()),
    "text.possibly_criminal": ("bool", ()),
    "text.own_contact_details": ("bool", ()),
    "text.own_opinion_disclaimer": ("bool", ()),
    "text.third_party_disclaimer": ("bool", ()),
    "text.employee_mention": ("bool", ()),
    "media.recordings": ("int", ()),
    "media.people": ("int", ()),
    "media.recordings_people_not_stated": ("int", ()),
    "media.people_without_consent": ("int", ()),
    "media.people_refused": ("int", ()),
    "media.students": ("int", ()),
    "media.students_refused": ("int", ()),
    "media.students_without_consent": ("int", ()),
}
