"""``Authorization: Bearer pw_...``: the API's one way in."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from protocolwijzer.api.actions import TOKEN_PREFIX, do_note_token_use
from protocolwijzer.api.models import ApiToken, Scope, token_digest

# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours, and
# refusing it early keeps a huge header from being hashed and looked up.
_MAX_TOKEN_LENGTH = 100


class TokenRefused(AuthenticationError):
    """401 with a sentence saying why: only for a token the caller holds (the message
    tells them nothing they could not learn from the token itself)."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=401, message=message)


class TokenAuth(HttpBearer):
    """Accepts a token that is not revoked, not expired, whose account is active and that
    has ``scope`` (``Scope.READ`` unless an operation asks for another).

    Returns the ApiToken, which ninja puts on ``request.auth``. An unknown token gives the
    same 401 as none at all; a revoked or expired one a 401 that says so; a token without
    the operation's scope a 403 that names the scope.
    """

    def __init__(self, scope: str = Scope.READ) -> None:
        super().__init__()
        self.scope = str(scope)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or len(token) > _MAX_TOKEN_LENGTH:
            return None
        found = (ApiToken.objects.select_related("user", "school")
                 .filter(token_hash=token_digest(token)).first())
        if found is None:
            return None
        if found.is_revoked:
            raise TokenRefused(_("This API token has been revoked. Ask the administrator "
                                 "for a new one."))
        if found.is_expired():
            expired = formats.date_format(timezone.localtime(found.expires_at),
                                          "DATETIME_FORMAT")
            raise TokenRefused(_("This API token expired on %(date)s. Ask the administrator "
                                 "for a new one.") % {"date": expired})
        if not found.is_usable():  # the account has been switched off
            return None
        if not found.has_scope(self.scope):
            raise PermissionDenied(_(
                "This API token may not do this: it needs the scope '%(scope)s' and has "
                "%(scopes)s. Ask the administrator for a token with the scope "
                "'%(scope)s'.") % {"scope": self.scope,
                                   "scopes": ", ".join(found.scopes) or "-"})
        do_note_token_use(found)
        return found
