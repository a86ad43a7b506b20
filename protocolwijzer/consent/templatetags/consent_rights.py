"""Template filters that ask the policy (never a role) whether to show a link."""

from __future__ import annotations

from django import template

from protocolwijzer.consent.access import may_record_paper_consent as _may_record
from protocolwijzer.consent.guardian import may_reach_guardians as _may_reach
from protocolwijzer.schools.access import User
from protocolwijzer.schools.policy import membership_for

register = template.Library()


@register.filter
def may_record_paper_consent(user: User) -> bool:
    return _may_record(user)


@register.filter
def may_reach_guardians(user: User) -> bool:
    """For the link to a group's parents page (answers, letters, reminders)."""
    membership = membership_for(user)
    return membership is not None and _may_reach(membership)


@register.filter
def may_download_own_consent_data(user: User) -> bool:
    """For the link to one's own consent data (a parent's children, a pupil themselves)."""
    from django.core.exceptions import PermissionDenied

    from protocolwijzer.consent.exports import own_register_subjects

    try:
        own_register_subjects(user)
    except PermissionDenied:
        return False
    return True
