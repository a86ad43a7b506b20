"""Template tags of the publication log: links that ask the policy (never a role), the
checker's "ik heb het gepubliceerd", and channel names in words."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from protocolwijzer.checks.forms import CHANNEL_LABELS
from protocolwijzer.notifications.access import may_choose_mail_frequency
from protocolwijzer.publications import access
from protocolwijzer.schools.access import User

register = template.Library()


@register.filter
def may_log_publications(user: User) -> bool:
    return access.may_log_publications(user)


@register.filter
def may_manage_takedowns(user: User) -> bool:
    return access.may_manage_takedowns(user)


@register.filter
def may_choose_mail(user: User) -> bool:
    return may_choose_mail_frequency(user)


@register.filter
def channel_label(channel: str) -> str:
    """A channel of the log in words; no channel is other social media."""
    if not channel:
        return _("Other social media")
    return str(CHANNEL_LABELS.get(channel, channel))


@register.inclusion_tag("publications/_after_check.html", takes_context=True)
def publish_prompt(context: template.Context) -> dict[str, Any]:
    """Under an "allowed" verdict: the way to log the publication, for someone who may.
    The channel checked goes along, so the log's form finds the check and its channel."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not access.may_log_publications(user):
        return {"url": ""}
    form = context.get("form")
    cleaned = getattr(form, "cleaned_data", None) or {}
    query = urlencode({"kanaal": cleaned.get("channel") or ""})
    return {"url": f"{reverse('publications:new')}?{query}"}
