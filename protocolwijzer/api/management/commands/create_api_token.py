from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.accounts.models import User
from protocolwijzer.api.actions import do_create_token
from protocolwijzer.api.models import DEFAULT_LIFETIME, DEFAULT_SCOPES, INTEGRATION_ROLES, Scope
from protocolwijzer.schools.models import School


class Command(BaseCommand):
    help = ("Makes an API token for an account (--user) or for an integration with one "
            "school (--school and --role), and prints it once: only its SHA-256 is stored. "
            "A token is read-only and lasts a year unless --scope and --expires-days say "
            "otherwise.")

    def add_arguments(self, parser: CommandParser) -> None:
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--user", metavar="EMAIL",
                           help="the account the token acts for, in that account's role")
        owner.add_argument("--school", metavar="SLUG",
                           help="the school an integration token acts for (with --role)")
        parser.add_argument("--role", choices=INTEGRATION_ROLES,
                            help="the role of an integration token")
        parser.add_argument("--name", required=True,
                            help="what the token is for, such as 'website koppeling'")
        # --expires-in-days is the older spelling, kept so existing scripts keep working.
        parser.add_argument("--expires-days", "--expires-in-days", dest="expires_days",
                            type=int, metavar="DAYS",
                            help="the token stops working after this many days (default: "
                                 f"{DEFAULT_LIFETIME.days})")
        parser.add_argument("--scope", dest="scopes", action="append", choices=Scope.values,
                            help="what the token may do; repeat for more than one: read "
                                 "(protocols, schools, groups, people), check (POST /checks)"
                                 f" (default: {', '.join(DEFAULT_SCOPES)})")

    def handle(self, *args: Any, **options: Any) -> None:
        user = school = None
        if options["user"]:
            user = User.objects.filter(email__iexact=options["user"].strip()).first()
            if user is None:
                raise CommandError(_("There is no account with the e-mail address %(email)s.")
                                   % {"email": options["user"]})
        else:
            school = School.objects.filter(slug=options["school"]).first()
            if school is None:
                raise CommandError(_("There is no school with the short name %(slug)s.")
                                   % {"slug": options["school"]})
        expires_at = None
        if options["expires_days"] is not None:
            if options["expires_days"] < 1:
                raise CommandError(_("--expires-days must be at least 1."))
            expires_at = timezone.now() + timedelta(days=options["expires_days"])
        try:
            token, raw = do_create_token(name=options["name"], user=user, school=school,
                                         role=options["role"], expires_at=expires_at,
                                         scopes=options["scopes"] or DEFAULT_SCOPES)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stderr.write(_("Token %(id)s '%(name)s' made, with scopes %(scopes)s, valid until "
                            "%(expires)s. It is shown only this once; store it in a safe "
                            "place.") % {
            "id": token.pk, "name": token.name, "scopes": ", ".join(token.scopes),
            "expires": timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M")})
        # The token alone on stdout, so a script can capture it: TOKEN=$(... create_api_token)
        self.stdout.write(raw)
