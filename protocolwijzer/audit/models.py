"""The audit log, append-only.

The AVG (GDPR, art. 5(2) and 32) asks a school to be able to show who had access to
personal data. An event is therefore written once and never changed or removed through
the application: ``save()`` refuses to update a stored event, ``delete()`` and the
queryset's ``update()``/``delete()`` refuse outright, and the admin is read-only. Removing
events after the retention period is an operator's job, directly in the database.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event."""


class Action(models.TextChoices):
    """Known actions. The field itself has no ``choices``: another app may record a new
    action without a migration, and the log still shows it (by its code)."""

    SIGN_IN = "sign_in", _("signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
    SIGN_OUT = "sign_out", _("signed out")
    LOCKED_OUT = "locked_out", _("locked out after too many failed sign-ins")
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("set up two-factor sign-in")
    TWO_FACTOR_VERIFIED = "two_factor_verified", _("entered a correct two-factor code")
    TWO_FACTOR_FAILED = "two_factor_failed", _("entered a wrong two-factor code")
    ROLE_CHANGED = "role_changed", _("changed a role")
    INVITATION_SENT = "invitation_sent", _("sent an invitation")
    INVITATION_ACCEPTED = "invitation_accepted", _("accepted an invitation")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("asked for a new password")
    PASSWORD_RESET = "password_reset", _("chose a new password with a mailed link")
    PERSON_VIEWED = "person_viewed", _("viewed a person")
    PEOPLE_LISTED = "people_listed", _("listed people")
    AUDIT_LOG_VIEWED = "audit_log_viewed", _("viewed the audit log")
    CHECK_RUN = "check_run", _("ran a check")
    PROTOCOL_ACKNOWLEDGED = "protocol_acknowledged", _("confirmed reading the protocol")
    STUDENTS_IMPORTED = "students_imported", _("imported students from the administration")
    CONSENT_DECIDED = "consent_decided", _("recorded a consent decision")
    CONSENT_LIST_VIEWED = "consent_list_viewed", _("viewed a consent list")
    CONSENT_LIST_EXPORTED = "consent_list_exported", _("exported a consent list")
    ACCESS_REFUSED = "access_refused", _("was refused access")


# The page showing each kind of object; the access functions behind them still decide
# whether the reader of the log may open it.
_TARGET_PAGES = {"schools.person": "schools:person", "schools.group": "schools:group"}


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # The account may be deleted later (SET_NULL); the e-mail address stays as it was then.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+",
                              verbose_name=_("account"))
    actor_email = models.CharField(_("e-mail address"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    # Scopes the event for the school's own log page. PROTECT: a school with history is
    # not deleted by accident, taking the only trace of who saw its people with it.
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", verbose_name=_("school"))
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["school", "-created_at"], name="audit_school_recent")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_email or '-'} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        kwargs["force_insert"] = True  # never an UPDATE, even with a preset primary key
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")

    @property
    def target_url(self) -> str:
        """The page of the object acted on, for the kinds that have one."""
        name = _TARGET_PAGES.get(self.object_type)
        if not name or not self.object_id.isdigit():
            return ""
        return reverse(name, args=[int(self.object_id)])

    @property
    def action_label(self) -> str:
        try:
            return str(Action(self.action).label)
        except ValueError:
            return self.action
