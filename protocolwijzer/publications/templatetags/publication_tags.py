"""Template tags of the publication log: links that ask the policy (never a role), the
checker's "ik heb het gepubliceerd", and channel names in words."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from protocolwijzer.notifications.access import may_choose_mail_frequency
from protocolwijzer.publications import access
from protocolwijzer.publications.channels import channel_label
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


register.filter("channel_label", channel_label)


@register.inclusion_tag("publications/_after_check.html", takes_context=True)
def publish_prompt(context: template.Context, students: Any = ()) -> dict[str, Any]:
    """Under an "allowed" verdict: the way to log the publication, for someone who may.
    The channel checked goes along, so the log's form finds the check and its channel;
    ``students`` (ids, such as the pupils tagged on a photo) arrive ticked. The form
    shows only pupils the user may see, whatever the address says."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not access.may_log_publications(user):
        return {"url": ""}
    form = context.get("form")
    cleaned = getattr(form, "cleaned_data", None) or {}
    query = urlencode([("kanaal", cleaned.get("channel") or ""),
                       *(("students", str(pk)) for pk in students or ())])
    return {"url": f"{reverse('publications:new')}?{query}"}
