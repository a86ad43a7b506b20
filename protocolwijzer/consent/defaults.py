"""The purposes every school starts with; a school may rename, add or switch them off."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from protocolwijzer.consent.models import Purpose

NO, YES = Purpose.Silence.MEANS_NO, Purpose.Silence.MEANS_YES

DEFAULT_PURPOSES = (
    ("schoolwebsite", _("School website"), NO),
    ("sociale-media", _("The school's social media"), NO),
    ("schoolgids", _("School guide or brochure"), NO),
    ("nieuwsbrief", _("Newsletter"), NO),
    ("klassenapp", _("Class app"), NO),
    ("jaarboek", _("Yearbook"), NO),
    ("video", _("Video and film"), NO),
    ("pers", _("Press"), NO),
)
