"""Database triggers that refuse UPDATE and DELETE on the audit table.

Two changes stay possible, because the application makes them itself:

- an account is deleted: ``actor`` becomes NULL (``on_delete=SET_NULL``) and nothing else
  changes (the pseudonym and role in the event keep who it was);
- retention reduces an event (``actions.do_reduce_events_for_retention``): ``reduced``
  goes from false to true, the personal fields become blank, and nothing else changes (the
  hashes stay).

Everything else is refused with an error, on PostgreSQL (a plpgsql trigger) and on SQLite
(``RAISE(ABORT)``). The column lists come from the table as it is, so a later column is
covered too. ``install`` is idempotent: migration 0004 runs it, and so does every
``migrate`` (apps.py), because SQLite drops a table's triggers when a migration rebuilds it.
"""

from __future__ import annotations

from typing import Any

TABLE = "audit_auditevent"
NAMES = {"postgresql": ["audit_event_append_only"],
         "sqlite": ["audit_event_no_update", "audit_event_no_delete"]}
# The fields retention blanks, as columns, with their blank SQL value.
REDUCED = {"salt": "''", "actor_email": "''", "ip": "NULL", "object_id": "''",
           "detail": "'{}'"}
DELETE_MESSAGE = "audit events cannot be deleted (append-only audit log)"
UPDATE_MESSAGE = "audit events cannot be changed (append-only audit log)"

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '%% (event %%)', '{delete}', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- The account was deleted: only the link to it goes.
    IF OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
       AND to_jsonb(NEW) - 'actor_id' = to_jsonb(OLD) - 'actor_id' THEN
        RETURN NEW;
    END IF;
    -- Retention: the personal fields blanked and the event marked, hashes unchanged.
    IF NOT OLD.reduced AND NEW.reduced
       AND NEW.salt = '' AND NEW.actor_email = '' AND NEW.ip IS NULL
       AND NEW.object_id = '' AND NEW.detail = '{{}}'::jsonb
       AND to_jsonb(NEW) - ARRAY['reduced', {reduced}]
           = to_jsonb(OLD) - ARRAY['reduced', {reduced}] THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '%% (event %%)', '{update}', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""


def _columns(connection: Any) -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in
                connection.introspection.get_table_description(cursor, TABLE)]


def _unchanged(columns: list[str], but: set[str]) -> str:
    return " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in columns if c not in but)


def statements(connection: Any) -> list[str]:
    if connection.vendor == "postgresql":
        reduced = ", ".join(f"'{name}'" for name in REDUCED)
        return [
            _PG_FUNCTION.format(delete=DELETE_MESSAGE, update=UPDATE_MESSAGE,
                                reduced=reduced).replace("%%", "%"),
            f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
            f"CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()",
        ]
    if connection.vendor == "sqlite":
        columns = _columns(connection)
        blanked = " AND ".join(f'NEW."{c}" IS {value}' for c, value in REDUCED.items())
        return [
            "DROP TRIGGER IF EXISTS audit_event_no_update",
            "DROP TRIGGER IF EXISTS audit_event_no_delete",
            f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {TABLE} "
            "WHEN NOT ("
            f"(OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND "
            f"{_unchanged(columns, {'actor_id'})})"
            f" OR (OLD.reduced = 0 AND NEW.reduced = 1 AND {blanked} AND "
            f"{_unchanged(columns, {'reduced', *REDUCED})})"
            f") BEGIN SELECT RAISE(ABORT, '{UPDATE_MESSAGE}'); END",
            f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{DELETE_MESSAGE}'); END",
        ]
    return []  # another database: the hash chain still makes changes evident


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in statements(connection):
            cursor.execute(sql)


def remove(connection: Any) -> None:
    """Only for wiping the whole database (``manage flush``) and for tests."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}")
        elif connection.vendor == "sqlite":
            for name in NAMES["sqlite"]:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed(connection: Any) -> bool:
    """Whether the triggers are in place on this database."""
    names = NAMES.get(connection.vendor)
    if not names:
        return True
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                           "AND NOT tgisinternal", [TABLE])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = %s", [TABLE])
        found = {row[0] for row in cursor.fetchall()}
    return set(names) <= found
