"""``manage restore DIR``: replaces the database and the private files with a backup, after
checking its checksums and its audit chain (backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from protocolwijzer.audit.backup import BackupRefused, do_restore


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Replaces the database and the private files with a backup made by "
                 "'backup', after checking it. Stop the application first.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help=_("The backup's directory."))
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help=_("The database to replace (default: default)."))
        parser.add_argument("--no-input", "--noinput", action="store_false",
                            dest="interactive", help=_("Do not ask for confirmation."))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interactive"]:
            answer = input(_("This replaces ALL data of this installation with the backup "
                             "in %(directory)s. Type 'yes' to continue: ")
                           % {"directory": options["directory"]})
            if answer.strip().lower() != "yes":
                raise CommandError(_("Restore cancelled; nothing was changed."))
        try:
            manifest = do_restore(options["directory"], options["database"])
        except BackupRefused as exc:
            raise CommandError(_("The backup was refused: %(reason)s") % {"reason": exc}) from None
        self.stdout.write(_("Restored the backup of %(date)s: %(tables)s tables, %(files)s "
                            "files; the audit log verifies up to event %(head)s.") % {
            "date": manifest["created_at"], "tables": len(manifest["tables"]),
            "files": len(manifest["files"]), "head": manifest["audit_head"]["id"] or 0})
