"""The words of the notices that ask someone to read the protocol (``acknowledging.py``),
registered with the notifications app like incidents/notify.py. A notice holds the
version's id only; the mail names the school and the protocol's title and links to the
reader, where the signed-in person reads what it means for them and confirms."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from protocolwijzer.notifications.mails import OtherKinds, register_kinds
from protocolwijzer.notifications.models import Notice
from protocolwijzer.protocols.acknowledging import NOTICE_KINDS, REMINDED
from protocolwijzer.protocols.models import ProtocolVersion


def reader_link() -> str:
    """The reader's "voor mij" tab, at its button."""
    return settings.SITE_URL + reverse("protocols:mine") + "?weergave=voor-mij#gelezen"


def _lines(notices: Sequence[Notice]) -> list[str]:
    # One paragraph per version: an ask and a reminder waiting in one weekly summary are
    # one request to read it.
    kinds_per_version: dict[int, set[str]] = {}
    for notice in notices:
        kinds_per_version.setdefault(int(notice.data.get("version", 0)), set()).add(notice.kind)
    versions = {v.pk: v for v in ProtocolVersion.objects.filter(pk__in=kinds_per_version)}
    lines = []
    for version_id, kinds in kinds_per_version.items():
        version = versions.get(version_id)
        if version is None:
            continue
        words = {"title": version.title, "version": version.version, "link": reader_link()}
        if kinds == {REMINDED}:
            lines.append(_("A reminder: you have not yet confirmed that you have read the "
                           "protocol of your school (%(title)s, version %(version)s). Read "
                           "what it means for you and confirm it: %(link)s") % words)
        else:
            lines.append(_("Your school has a protocol on social media in force: %(title)s, "
                           "version %(version)s. Read what it means for you and confirm "
                           "that you have read it: %(link)s") % words)
    return lines


def _subject() -> str:
    return _("Protocolwijzer: please read the protocol of your school")


register_kinds(OtherKinds(NOTICE_KINDS, _subject, _lines))
