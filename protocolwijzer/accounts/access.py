"""The one way pages load an invitation: by the token in its link."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from protocolwijzer.accounts.models import Invitation


class InvitationNotUsable(Http404):
    """Unknown, used or expired: deliberately one error, so a link reveals nothing."""


def access_invitation(token: str) -> Invitation:
    invitation = (Invitation.objects.select_related("person", "person__school")
                  .filter(token_hash=Invitation.hash_token(token)).first())
    if (invitation is None or not invitation.is_usable(timezone.now())
            or invitation.person.user_id is not None):
        raise InvitationNotUsable
    return invitation
