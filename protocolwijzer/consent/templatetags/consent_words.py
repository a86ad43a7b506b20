"""What the guardian's page explains (``consent/explained.py``), for its templates."""

from __future__ import annotations

from typing import Any

from django import template

from protocolwijzer.consent.explained import (
    ExplainedPurpose,
    ShownText,
    consent_text_shown,
    explain_purpose,
)
from protocolwijzer.consent.models import ConsentSettings, ConsentText, Purpose
from protocolwijzer.consent.register import SELF_DECIDING_AGE, takedown_working_days
from protocolwijzer.schools.models import School

register = template.Library()


@register.filter
def explained(purpose: Purpose) -> ExplainedPurpose:
    return explain_purpose(purpose)


@register.filter
def shown(text: ConsentText) -> ShownText:
    return consent_text_shown(text)


@register.inclusion_tag("consent/_guardian_about.html")
def guardian_about(school: School) -> dict[str, Any]:
    """Who decides, and what a withdrawal does, with this school's own rules."""
    rules = ConsentSettings.objects.filter(school=school).first()
    return {
        "school": school,
        "refusal_wins": rules is None or (
            rules.disagreement == ConsentSettings.Disagreement.REFUSAL_WINS),
        "working_days": takedown_working_days(school.pk),
        "age": SELF_DECIDING_AGE,
    }


@register.inclusion_tag("consent/_school_contact.html")
def school_contact(school: School) -> dict[str, Any]:
    return {"school": school}
