"""``Authorization: Bearer pw_...``: the API's one way in."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from protocolwijzer.api.actions import TOKEN_PREFIX, do_note_token_use
from protocolwijzer.api.models import ApiToken, token_digest

# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours, and
# refusing it early keeps a huge header from being hashed and looked up.
_MAX_TOKEN_LENGTH = 100


class TokenAuth(HttpBearer):
    """Accepts a token that is not revoked, not expired and whose account is active.

    Returns the ApiToken, which ninja puts on ``request.auth``; a wrong, revoked or expired
    token gives the same 401 as none at all, so the answer reveals nothing about it.
    """

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or len(token) > _MAX_TOKEN_LENGTH:
            return None
        found = (ApiToken.objects.select_related("user", "school")
                 .filter(token_hash=token_digest(token)).first())
        if found is None or not found.is_usable():
            return None
        do_note_token_use(found)
        return found
