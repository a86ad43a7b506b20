from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from protocolwijzer.schools.actions import do_load_demo
from protocolwijzer.schools.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_KEY_HEX,
    DEMO_TOTP_SECRET_BASE32,
)


class Command(BaseCommand):
    help = ("Loads the built-in protocols and a demo stichting with two schools, invented "
            "people and an account for each of them. Safe to run again: existing demo data "
            "and passwords are kept. Never use the demo accounts on a server with real "
            "people: their password is published.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = do_load_demo()
        if options["verbosity"] < 1:
            return
        lines = [
            _("Demo ready: %(stichting)s, %(schools)d schools, %(protocols)d protocols, "
              "%(people)d people (%(created)d new).") % {
                "stichting": summary.stichting.name, "schools": summary.schools,
                "protocols": summary.protocols, "people": summary.people,
                "created": summary.people_created},
            _("Demo accounts (%(created)d new): voornaam.achternaam@<school>.example, "
              "password for all: %(password)s") % {
                "created": summary.accounts_created, "password": DEMO_PASSWORD},
            _("  beheerder of the stichting: %(email)s") % {"email": summary.beheerder_email},
        ]
        lines += [_("  schoolleider of %(school)s: %(email)s") % {"school": school,
                                                                  "email": email}
                  for school, email in summary.leaders.items()]
        lines.append(
            _("Beheerder, schoolleiding and communicatie sign in with a second factor. "
              "Add this key to an authenticator app (time-based, 6 digits, 30 seconds): "
              "%(secret)s (hex: %(hex)s).") % {"secret": DEMO_TOTP_SECRET_BASE32,
                                               "hex": DEMO_TOTP_KEY_HEX})
        self.stdout.write("\n".join(lines))
