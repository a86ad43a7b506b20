"""Writing the audit log. Everything that records an event goes through ``do_record``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.http import HttpRequest

from protocolwijzer.audit.models import AuditEvent


def do_record(action: str, *, actor: AbstractBaseUser | AnonymousUser | None = None,
              actor_email: str = "", school: Any = None, target: models.Model | None = None,
              detail: dict[str, Any] | None = None, ip: str | None = None) -> AuditEvent:
    """Appends one event. ``school`` (a School or its id) decides whose log page shows it;
    ``target`` is the object acted on. Never put a secret (password, token) in ``detail``.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    email = actor_email or (getattr(user, "email", "") if user is not None else "")
    school_id = school if isinstance(school, int) or school is None else school.pk
    with transaction.atomic():
        return AuditEvent.objects.create(
            action=str(action), actor=user, actor_email=email[:254], school_id=school_id,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            detail=detail or {}, ip=ip or None)


def ip_of(request: HttpRequest | None) -> str | None:
    """The client's address as the lockout counts it (so both agree behind a proxy)."""
    if request is None:
        return None
    known = getattr(request, "axes_ip_address", None)
    if known:
        return str(known)
    from axes.helpers import get_client_ip_address

    address = get_client_ip_address(request)
    return str(address) if address else None
