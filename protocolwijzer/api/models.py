"""API tokens: how a script or another system acts in Protocolwijzer without a session.

A token acts either for a user (with that user's membership, so exactly what the user may
see) or for an integration such as a school's website system (for one school, in a fixed
role). Only the SHA-256 of the token is stored: a database dump or a curious operator
cannot use it, and the token is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

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
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
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

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        if self.expires_at is not None and self.expires_at <= now:
            return False
        # A deactivated account's tokens stop working with it, without revoking each one.
        return self.user is None or self.user.is_active

    def membership(self) -> Membership | None:
        """The school and role this token acts in; None for a user without a school."""
        if self.user is not None:
            return membership_for(self.user)
        assert self.school_id is not None  # the constraint guarantees it
        return Membership(self.role, None, frozenset({self.school_id}))
