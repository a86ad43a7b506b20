"""Template filters that ask the policy (never a role) whether to show a link."""

from __future__ import annotations

from django import template

from protocolwijzer.consent.access import may_record_paper_consent as _may_record
from protocolwijzer.schools.access import User

register = template.Library()


@register.filter
def may_record_paper_consent(user: User) -> bool:
    return _may_record(user)
