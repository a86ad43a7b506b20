"""Writing the audit log. Everything that records an event goes through ``do_record``;
retention reduces old events through ``do_reduce_events_for_retention``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connections, models, transaction
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
            actor_role=_role_of(user),
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            detail=detail or {}, ip=ip or None)


def _role_of(user: Any) -> str:
    """The role the account acts in now, kept in the event (it may change later)."""
    if user is None:
        return ""
    from protocolwijzer.schools.policy import membership_for

    membership = membership_for(user)
    if membership is not None:
        return str(membership.role)
    return "operator" if getattr(user, "is_superuser", False) else ""


# The one UPDATE the database triggers allow besides an account's deletion (migration 0004
# holds the same list): the personal fields blanked, ``reduced`` set, nothing else.
REDUCED_VALUES: dict[str, Any] = {"reduced": True, "salt": "", "actor_email": "",
                                  "ip": None, "object_id": "", "detail": {}}


def do_reduce_events_for_retention(events: models.QuerySet[AuditEvent]) -> int:
    """Reduces ``events`` to content-free "removed by retention" events and returns how
    many were reduced (events reduced before are skipped).

    Kept: when, the action's code, the school, the kind of object, and the actor's
    pseudonym and role (who acted stays accountable). Removed: the e-mail address, the IP
    address, the object's id, the detail, and the salt that would let anyone confirm a
    guess of the removed content from the stored hash. Every hash stays as it was, so the
    chain still verifies (chain.py). The caller records its own event about the purge.
    """
    pending = events.filter(reduced=False)
    using = pending.db
    table = AuditEvent._meta.db_table
    ids = list(pending.values_list("pk", flat=True))
    if not ids:
        return 0
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = [(AuditEvent._meta.get_field(name), value) for name, value in REDUCED_VALUES.items()]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field, _value in columns)
    params = [field.get_db_prep_save(value, connection) for field, value in columns]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # The queryset's update() refuses on purpose; this is the one sanctioned change.
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cursor.execute(
                f"UPDATE {quote(table)} SET {assignments} "  # nosec B608: names ours, values params
                f"WHERE {quote('id')} IN ({', '.join(['%s'] * len(chunk))})",
                [*params, *chunk])
    return len(ids)


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
