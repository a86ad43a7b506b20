"""``manage verify_audit``: checks the audit log's hash chain from the first event to the
last and names the first event that does not fit. Exit code 0 when it verifies."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from protocolwijzer.audit import chain, triggers


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Checks that no audit event was changed, removed or reordered, and names "
                 "the first one that was.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help=_("The database to check (default: default)."))
        parser.add_argument("--expect", metavar="ID:HASH", action="append", default=[],
                            help=_("A head printed by an earlier run: that event must still "
                                   "carry that hash. May be given more than once."))

    def handle(self, *args: Any, **options: Any) -> None:
        using = options["database"]
        broken, head = chain.verify(using)
        if broken is not None:
            raise CommandError(_("The audit log does not verify: %(problem)s.")
                               % {"problem": broken})
        for expected in options["expect"]:
            problem = chain.check_expected_head(expected, using)
            if problem:
                raise CommandError(_("The audit log does not verify: %(problem)s.")
                                   % {"problem": problem})
        if not triggers.installed(connections[using]):
            raise CommandError(_("The audit log verifies, but the database triggers that "
                                 "refuse changes to it are missing; run 'protocolwijzer "
                                 "manage migrate' to put them back."))
        self.stdout.write(_("The audit log verifies: %(count)s events, head %(head)s.")
                          % {"count": head.count, "head": head})
