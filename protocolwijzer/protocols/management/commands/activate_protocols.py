"""``manage activate_protocols``: the daily switch of the protocol versions (issue 16).

A version put in force from a later date becomes ``School.protocol`` on that date: this
command, run every morning, switches each school whose date has come, so that the
invariant "School.protocol is the version in force today" holds. Checks and incidents do
not wait for it: they ask ``protocol_in_force`` for the day of the situation.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from protocolwijzer.protocols.lifecycle import do_activate_due_protocols


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Puts in force the protocol versions whose in-force date has come. Run it "
                 "daily.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help=_("Switch as on this date (YYYY-MM-DD)."))

    def handle(self, *args: Any, **options: Any) -> None:
        switched = do_activate_due_protocols(options["today"])
        self.stdout.write(_("%(count)s schools switched to the protocol version in force "
                            "today.") % {"count": len(switched)})
