"""Background mail of the protocols app (``TASKS`` in settings.py), like accounts/tasks.py:
a task gets ids only and makes the secret (a guardian's link) when it sends, so nothing
secret or personal waits in a queue."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from protocolwijzer.consent.guardian import do_make_guardian_link, link_url
from protocolwijzer.protocols.models import Acknowledgement, ProtocolVersion
from protocolwijzer.schools.models import Person

logger = logging.getLogger("protocolwijzer.protocols")

# What the guardian link's address carries to land on the protocol instead of the
# consent page (consent/guardian_views.py reads it).
GUARDIAN_DESTINATION = "?naar=protocol"


class ProtocolMailNotSent(Exception):
    """A mail could not be sent; the message names the person by id only."""


@task
def send_protocol_link_to_guardian(person_id: int, version_id: int, reminder: bool) -> bool:
    """Mails a parent without an account a fresh guardian link that opens what the
    protocol in force means for parents. Sends nothing (False) when, by now, the parent
    has no address, the version is no longer in force or they have confirmed it."""
    guardian = (Person.objects.select_related("school")
                .filter(pk=person_id, role=Person.Role.OUDER).first())
    version = ProtocolVersion.objects.filter(pk=version_id).first()
    if (guardian is None or version is None or not guardian.email
            or guardian.school.protocol_id != version.pk
            or Acknowledgement.objects.filter(person=guardian,
                                              protocol_version=version).exists()):
        return False
    # One transaction: when the mail cannot be sent, no link is left that nobody got.
    with transaction.atomic():
        link, token = do_make_guardian_link(guardian, None)
        subject, body = _guardian_mail(guardian, version, link_url(token) + GUARDIAN_DESTINATION,
                                       link.expires_at, reminder=reminder)
        try:
            send_mail(subject, body, None, [guardian.email])
        except Exception as exc:  # whatever the mail server does: log it, keep no link
            logger.error("The protocol mail for person %s could not be sent: %s",
                         person_id, type(exc).__name__)
            raise ProtocolMailNotSent(f"The protocol mail for person {person_id} could not "
                                      f"be sent: {type(exc).__name__}.") from None
    return True


def _guardian_mail(guardian: Person, version: ProtocolVersion, url: str,
                   expires_at: object, *, reminder: bool) -> tuple[str, str]:
    # Dutch: a guardian has not chosen a language, and their school is Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        expires = formats.date_format(timezone.localtime(expires_at), "DATE_FORMAT")
        school = guardian.school.name
        if reminder:
            subject = _("Reminder: the protocol on social media of %(school)s") % {
                "school": school}
        else:
            subject = _("The protocol on social media of %(school)s") % {"school": school}
        body = _(
            "Dear %(name)s,\n\n"
            "%(school)s has a protocol about social media, photos and videos: "
            "%(title)s. The school asks parents to read what it means for them, and to "
            "confirm that they have read it. Open this link:\n\n"
            "%(link)s\n\n"
            "The link is only for you. It works until %(expires)s. You do not need an "
            "account.\n\n"
            "Kind regards,\n%(school)s\n"
        ) % {"name": guardian.full_name, "school": school, "title": version.title,
             "link": url, "expires": expires}
    return subject, body

