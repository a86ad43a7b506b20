from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.accounts.models import User
from protocolwijzer.api.models import (
    DEFAULT_LIFETIME,
    DEFAULT_SCOPES,
    INTEGRATION_ROLES,
    ApiToken,
    Scope,
    token_digest,
)
from protocolwijzer.schools.models import School

# The prefix makes a leaked token recognisable to secret scanners and to people.
TOKEN_PREFIX = "pw_"
# Writing last_used_at on every request would turn every read into a write; a minute is
# precise enough to see which tokens are still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


def do_create_token(*, name: str, user: User | None = None, school: School | None = None,
                    role: str | None = None, expires_at: datetime | None = None,
                    scopes: Iterable[str] = DEFAULT_SCOPES) -> tuple[ApiToken, str]:
    """Makes a token for ``user``, or for an integration with ``school`` and ``role``.

    It expires at ``expires_at`` (default: a year from now) and may do what ``scopes``
    name (default: read only; see ``Scope``). Returns the token and the raw secret. The
    secret is not stored (only its SHA-256), so this is the only moment anyone can see it.
    """
    name = name.strip()
    if not name:
        raise ValidationError(_("A token needs a name that says what it is for."))
    if (user is None) == (school is None):
        raise ValidationError(_("A token is either for an account or for a school, "
                                "not both and not neither."))
    if user is not None and role:
        raise ValidationError(_("A token for an account acts in the account's own role; "
                                "do not give a role."))
    if school is not None and role not in INTEGRATION_ROLES:
        raise ValidationError(
            _("An integration token needs one of these roles: %(roles)s.")
            % {"roles": ", ".join(INTEGRATION_ROLES)})
    now = timezone.now()
    if expires_at is None:
        expires_at = now + DEFAULT_LIFETIME
    if expires_at <= now:
        raise ValidationError(_("The expiry date must lie in the future."))
    wanted = set(scopes)
    unknown = wanted - set(Scope.values)
    if unknown or not wanted:
        raise ValidationError(_("A token needs one or more of these scopes: %(scopes)s.")
                              % {"scopes": ", ".join(Scope.values)})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(name=name, token_hash=token_digest(raw), user=user,
                                        school=school, role=role or "",
                                        expires_at=expires_at,
                                        # In the order of Scope, so equal sets look equal.
                                        scopes=[s for s in Scope.values if s in wanted])
    return token, raw


def do_revoke_token(token: ApiToken) -> None:
    """Stops a token from working, at once and for good; revoking twice changes nothing."""
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def do_note_token_use(token: ApiToken, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    # An update rather than save(): two requests with the same token may run at once, and
    # neither should overwrite anything but this one field.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
