"""``manage retry_media``: starts failed (or stalled) photo and video jobs again, for an
operator once the cause is fixed. Works with and without Redis; with Redis, ``rq requeue
--queue media --all`` does the same for the jobs RQ kept as failed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from protocolwijzer.media.actions import do_retry
from protocolwijzer.media.models import MediaItem


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Starts failed or stopped photo and video jobs of the checker again.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("items", nargs="*", type=int,
                            help=_("Numbers of the items to retry."))
        parser.add_argument("--all", action="store_true",
                            help=_("Every failed or stopped item."))

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["items"] and not options["all"]:
            raise CommandError(_("Name the items to retry, or use --all."))
        items = MediaItem.objects.order_by("pk")
        if options["items"]:
            items = items.filter(pk__in=options["items"])
        retried = 0
        for item in items:
            if not item.can_retry:
                if options["items"]:
                    self.stderr.write(_("Item %(id)s is not waiting for a new try.")
                                      % {"id": item.pk})
                continue
            try:
                do_retry(item, None)
            except ValidationError as problem:
                self.stderr.write(f"{item.pk}: {' '.join(problem.messages)}")
                continue
            retried += 1
        self.stdout.write(_("Started %(count)s jobs again.") % {"count": retried})
