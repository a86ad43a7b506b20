"""The hash chain that makes the audit log tamper-evident.

One global chain, in the order of the events' ids. Each event stores

- ``personal_hash``: SHA-256 over the parts that may hold personal data (a random
  per-event ``salt``, ``actor_email``, ``ip``, ``object_id`` and ``detail``);
- ``previous_hash``: the ``chain_hash`` of the event before it (64 zeros for the first);
- ``chain_hash``: SHA-256 over ``previous_hash``, the fixed parts (``created_at``, the actor's
  pseudonym and role, ``action``, ``school_id``, ``object_type``) and ``personal_hash``.

Verification recomputes both hashes of every event and follows the links, so a changed
field, a removed event or a swapped order shows as the first event whose hashes or link do
not fit. Reducing an event for retention blanks the personal parts (salt included, so the
kept ``personal_hash`` cannot be guessed back) and keeps every hash: the chain and the fixed
parts still verify, only the personal parts of a reduced event are no longer checked
(they must be blank).

Plain SHA-256 without a key: anyone who can write to the database *and* recompute every
later hash can forge a consistent chain. What they cannot do is keep the head that was
recorded elsewhere before: ``verify_audit`` prints the head and accepts ``--expect`` with a
head noted earlier, and every backup's manifest keeps the head it saw.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

GENESIS = "0" * 64
# pg_advisory_xact_lock key for appends: any constant unique to this application.
PG_APPEND_LOCK = 0x70775F6175646974  # "pw_audit"
# The fields of a reduced event that must be blank (and the value each must have).
BLANK_WHEN_REDUCED: Mapping[str, Any] = {"salt": "", "actor_email": "", "ip": None,
                                         "object_id": "", "detail": {}}
# Fields verification reads; the migration that computes the chain for old rows and the
# backup check use the same list.
FIELDS = ("id", "created_at", "actor_pseudonym", "actor_role", "action", "school_id",
          "object_type", "salt", "actor_email", "ip", "object_id", "detail", "reduced",
          "personal_hash", "previous_hash", "chain_hash")


def _plain(value: Any) -> Any:
    """JSON data as both databases give it back: a whole float is stored as an integer
    (PostgreSQL's jsonb keeps 1e20 as a number, not as the float Python wrote)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def plain_detail(detail: Any) -> Any:
    return _plain(detail if detail is not None else {})


def _canonical(values: list[Any]) -> bytes:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _sha256(values: list[Any]) -> str:
    return hashlib.sha256(_canonical(values)).hexdigest()


def moment(value: dt.datetime) -> str:
    """``created_at`` in UTC with microseconds: both databases store exactly that."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def personal_hash(row: Mapping[str, Any]) -> str:
    return _sha256(["personal-v1", row["salt"], row["actor_email"], row["ip"],
                    row["object_id"], plain_detail(row["detail"])])


def chain_hash(row: Mapping[str, Any], previous: str, personal: str) -> str:
    return _sha256(["event-v1", previous, moment(row["created_at"]), row["actor_pseudonym"],
                    row["actor_role"], row["action"], row["school_id"], row["object_type"],
                    personal])


def lock_for_append(using: str) -> None:
    """Serialises appends until the surrounding transaction ends, so two writers never
    read the same head. PostgreSQL: a transaction-level advisory lock. SQLite has one
    writer at a time already: a writer that read an older head cannot commit (busy), and
    the unique ``previous_hash`` refuses a fork on both databases in any case."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PG_APPEND_LOCK])


@dataclass(frozen=True)
class Head:
    """The newest event of a verified chain: ``count`` events, the last with ``id``."""

    count: int
    id: int | None
    chain_hash: str

    def __str__(self) -> str:
        return f"{self.id or 0}:{self.chain_hash}"


@dataclass(frozen=True)
class Break:
    """The first event where the chain does not verify, and why."""

    id: int
    created_at: dt.datetime | None
    problem: str  # content_changed, event_removed, event_inserted, order_changed,
    #               not_blank_when_reduced
    explanation: str

    def __str__(self) -> str:
        return _("event %(id)s (%(when)s): %(explanation)s") % {
            "id": self.id, "when": self.created_at.isoformat() if self.created_at else "?",
            "explanation": self.explanation}


def _rows(using: str) -> Iterator[dict[str, Any]]:
    from protocolwijzer.audit.models import AuditEvent

    # _base_manager: no default ordering surprises, chunked so a big log fits in memory.
    yield from (AuditEvent._base_manager.using(using).order_by("pk").values(*FIELDS)
                .iterator(chunk_size=2000))


def walk(rows: Iterator[Mapping[str, Any]],
         find: Callable[[str], int | None]) -> tuple[Break | None, Head]:
    """Checks rows in id order; the first break, or None, and the head seen. ``find`` gives
    the id of the event with a chain hash (only asked once a link is broken)."""
    previous_hash, previous_id, count = GENESIS, None, 0
    for row in rows:
        count += 1
        rid, when = row["id"], row["created_at"]
        if row["reduced"]:
            blank = [name for name, value in BLANK_WHEN_REDUCED.items()
                     if (row[name] if name != "detail" else (row[name] or {})) != value]
            if blank:
                return Break(rid, when, "not_blank_when_reduced", _(
                    "it is marked as removed by retention, but these fields still hold "
                    "content: %(fields)s") % {"fields": ", ".join(blank)}), Head(0, None, "")
        elif personal_hash(row) != row["personal_hash"]:
            return Break(rid, when, "content_changed", _(
                "its content was changed (e-mail address, IP address, object id or "
                "detail)")), Head(0, None, "")
        if chain_hash(row, row["previous_hash"], row["personal_hash"]) != row["chain_hash"]:
            return Break(rid, when, "content_changed", _(
                "its content or its hash was changed (time, actor, role, action, school or "
                "object type)")), Head(0, None, "")
        if row["previous_hash"] != previous_hash:
            linked = 0 if row["previous_hash"] == GENESIS else find(row["previous_hash"])
            if linked is not None and linked < rid:
                problem, text = "event_inserted", _(
                    "it follows event %(linked)s, so the events after that up to event "
                    "%(previous)s were inserted or reordered") % {
                    "linked": linked, "previous": previous_id}
            elif linked is not None:
                problem, text = "order_changed", _(
                    "it follows an event that now comes after it: the order was changed")
            else:
                problem, text = "event_removed", _(
                    "the event it follows is missing: it was removed, or changed together "
                    "with its hashes")
            return Break(rid, when, problem, text), Head(0, None, "")
        previous_hash, previous_id = row["chain_hash"], rid
    return None, Head(count, previous_id, previous_hash)


def verify(using: str = "default") -> tuple[Break | None, Head]:
    from protocolwijzer.audit.models import AuditEvent

    def find(chain_hash: str) -> int | None:
        found: int | None = (AuditEvent._base_manager.using(using)
                             .filter(chain_hash=chain_hash).values_list("pk", flat=True)
                             .first())
        return found

    return walk(_rows(using), find)


def first_broken_event(using: str = "default") -> Break | None:
    """The first event where the chain on database ``using`` breaks, or None if it
    verifies from the first event to the last."""
    return verify(using)[0]


def head(using: str = "default") -> Head:
    """The newest event's id and chain hash (without verifying), and the count."""
    from protocolwijzer.audit.models import AuditEvent

    events = AuditEvent._base_manager.using(using)
    last = events.order_by("-pk").values("pk", "chain_hash").first()
    if last is None:
        return Head(0, None, GENESIS)
    return Head(events.count(), last["pk"], last["chain_hash"])


def check_expected_head(expected: str, using: str = "default") -> str | None:
    """``expected`` is ``ID:HASH`` as ``verify_audit`` printed it earlier: the event with
    that id must still carry that hash (a recomputed chain would not). A message if not."""
    from protocolwijzer.audit.models import AuditEvent

    event_id, _, expected_hash = expected.partition(":")
    if not event_id.isdigit() or len(expected_hash) != 64:
        return _("'%(expected)s' is not a head as verify_audit prints it (ID:HASH)") % {
            "expected": expected}
    if int(event_id) == 0:
        return None if expected_hash == GENESIS else _(
            "an empty log has the head 0:%(genesis)s") % {"genesis": GENESIS}
    found = (AuditEvent._base_manager.using(using).filter(pk=int(event_id))
             .values_list("chain_hash", flat=True).first())
    if found is None:
        return _("event %(id)s, the head noted earlier, is no longer in the log") % {
            "id": event_id}
    if found != expected_hash:
        return _("event %(id)s now has hash %(found)s, not %(expected)s as noted earlier: "
                 "the chain was recomputed") % {"id": event_id, "found": found,
                                                "expected": expected_hash}
    return None
