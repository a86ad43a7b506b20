"""API tokens: how a script or another system acts in Protocolwijzer without a session.

A token acts either for a user (with that user's membership, so exactly what the user may
see) or for an integration such as a school's website system (for one school, in a fixed
role). Only the SHA-256 of the token is stored: a database dump or a curious operator
cannot use it, and the token is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Membership, membership_for

R = Person.Role
# An integration acts without a Person, so only roles whose rights do not depend on one
# make sense: a mentor sees the guardians of *their* group, a parent *their* children, a
# student *themself*; without a Person those would be empty or, worse, ill-defined.
INTEGRATION_ROLES = (R.SCHOOLLEIDING, R.COMMUNICATIE, R.MEDEWERKER, R.MR_LID)


class Scope(models.TextChoices):
    """What a token may do, on top of what its role allows. Each API operation needs one
    scope; a token has one or more. A school's website that only shows protocols gets
    ``read``; a script that checks posts before publishing gets ``check``."""

    READ = "read", _("read protocols, schools, groups and people")
    # A check reads the consent register for the pupils tagged in it, so it is a scope
    # of its own rather than part of read.
    CHECK = "check", _("check situations (POST /checks), reading consent from the register")


# New tokens: read-only, for a year. A token that lives forever outlives the script,
# the person and the contract it was made for.
DEFAULT_SCOPES = (Scope.READ.value,)
DEFAULT_LIFETIME = timedelta(days=365)


def default_scopes() -> list[str]:
    return list(DEFAULT_SCOPES)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What the token is for, such as 'website koppeling'."))
    token_hash = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True,
                                  editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="api_tokens", verbose_name=_("account"))
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="api_tokens",
                               verbose_name=_("school"))
    role = models.CharField(_("role"), max_length=20, blank=True,
                            choices=[(role.value, role.label) for role in INTEGRATION_ROLES])
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    scopes = models.JSONField(_("scopes"), default=default_scopes,
                              help_text=_("What the token may do: read, check."))
    # When, not just whether: a revoked token stays listed, so that what it did can still
    # be traced to it.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A token is a user's or an integration's, never both and never neither.
            models.CheckConstraint(
                condition=(Q(user__isnull=False, school__isnull=True, role="")
                           | (Q(user__isnull=True, school__isnull=False) & ~Q(role=""))),
                name="api_token_user_or_integration"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_integration(self) -> bool:
        return self.user_id is None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    def is_usable(self, now: datetime | None = None) -> bool:
        if self.revoked_at is not None or self.is_expired(now):
            return False
        # A deactivated account's tokens stop working with it, without revoking each one.
        return self.user is None or self.user.is_active

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or ())

    def membership(self) -> Membership | None:
        """The school and role this token acts in; None for a user without a school."""
        if self.user is not None:
            return membership_for(self.user)
        assert self.school_id is not None  # the constraint guarantees it
        return Membership(self.role, None, frozenset({self.school_id}))
