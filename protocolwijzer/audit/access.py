"""The one way pages load audit events."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.schools.access import require_right
from protocolwijzer.schools.policy import Right


def events_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AuditEvent]:
    """The events of the schools this user acts for, newest first; 403 without the right.

    Events without a school (an operator's sign-in, attempts on unknown addresses) are only
    in the operators' admin.
    """
    membership = require_right(user, Right.VIEW_AUDIT_LOG)
    return (AuditEvent.objects.filter(school_id__in=membership.school_ids)
            .select_related("school").order_by("-created_at", "-pk"))
