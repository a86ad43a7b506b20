from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from protocolwijzer.schools.actions import do_load_demo


class Command(BaseCommand):
    help = ("Loads the built-in protocols and a demo stichting with two schools and "
            "invented people. Safe to run again: existing demo data is kept.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = do_load_demo()
        self.stdout.write(
            _("Demo ready: %(stichting)s, %(schools)d schools, %(protocols)d protocols, "
              "%(people)d people (%(created)d new).") % {
                "stichting": summary.stichting.name, "schools": summary.schools,
                "protocols": summary.protocols, "people": summary.people,
                "created": summary.people_created})
