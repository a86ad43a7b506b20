"""The one way pages load an invitation or a forgotten-password link: by the token in it."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from protocolwijzer.accounts.models import Invitation, User
from protocolwijzer.accounts.tokens import reset_link_tokens


class InvitationNotUsable(Http404):
    """Unknown, used or expired: deliberately one error, so a link reveals nothing."""


def access_invitation(token: str) -> Invitation:
    """The open invitation of the token in a mailed link."""
    return access_invitation_by_hash(Invitation.hash_token(token))


def access_invitation_by_hash(token_hash: str) -> Invitation:
    """The open invitation whose token hashes to ``token_hash``: what the session keeps
    after the link has been opened, so the token itself is stored nowhere."""
    invitation = (Invitation.objects.select_related("person", "person__school")
                  .filter(token_hash=token_hash).first()) if token_hash else None
    if (invitation is None or not invitation.is_usable(timezone.now())
            or invitation.person.user_id is not None):
        raise InvitationNotUsable
    return invitation


class ResetLinkNotUsable(Http404):
    """Unknown account, wrong, used or expired token: one error, so a link reveals nothing."""


def access_reset_link(uidb64: str, token: str) -> User:
    """The account a forgotten-password link is for."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError):
        raise ResetLinkNotUsable from None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not reset_link_tokens.check_token(user, token):
        raise ResetLinkNotUsable
    return user
