"""The shape every daily retention command shares (``purge_consent``, ``purge_publications``):
``--dry-run`` to see what would go, ``--today`` to count from another day."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _


class PurgeCommand(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help=_("Only show what would be removed."))
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help=_("Count from this date (YYYY-MM-DD) instead of today."))

    @staticmethod
    def today(options: dict[str, Any]) -> datetime.date:
        return options["today"] or timezone.localdate()
