"""The one way pages and the API load protocol versions."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.protocols.models import ProtocolVersion


def access_current_protocol_version(user: AbstractBaseUser | AnonymousUser,
                                    protocol_id: str) -> ProtocolVersion:
    """The current version of a protocol, for anyone.

    A school must publish its protocol sociale media, so reading one needs no account;
    ``user`` is here so that callers do not change when drafts become private.
    """
    version = ProtocolVersion.objects.current(protocol_id)
    if version is None:
        raise Http404(_("There is no protocol with this id."))
    return version
