"""``manage flush``, as Django's, and able to empty the append-only audit table.

Flushing removes every row of every table: the audit log cannot survive that anyway, and
PostgreSQL's flush (TRUNCATE) already passes the row triggers. On SQLite flush deletes
row by row, which the triggers refuse, so they are lifted for the flush and put back after.
Test runs flush between transactional tests through this command too.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from protocolwijzer.audit import triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        had_table = triggers.TABLE in connection.introspection.table_names()
        triggers.remove(connection)
        try:
            super().handle(**options)
        finally:
            if had_table:
                triggers.install(connection)
