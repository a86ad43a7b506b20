"""The audit log, append-only and tamper-evident.

The AVG (GDPR, art. 5(2) and 32) asks a school to be able to show who had access to
personal data. An event is therefore written once and never changed or removed:

- in the application, ``save()`` refuses to update a stored event, ``delete()`` and the
  queryset's ``update()``/``delete()`` refuse outright, and the admin is read-only;
- in the database, triggers (migration 0004) refuse every UPDATE and DELETE on the table,
  on PostgreSQL and SQLite, except the two changes the application itself makes: the
  account column becoming NULL when an account is deleted, and the reduction of an event
  for retention (``actions.do_reduce_events_for_retention``);
- every event is a link in one global hash chain in id order (``chain.py`` explains it),
  so a change made past the triggers shows up in ``manage verify_audit``.

An event keeps who acted after their account is deleted: ``actor_pseudonym`` (a random id
per account, ``AuditActor``, never derived from the e-mail address) and ``actor_role`` (the
role then) are part of the hashed content; ``actor`` is only a convenience link.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Collection, Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event."""


class Action(models.TextChoices):
    """The codes of events recorded by name. How the log says each one in words, and the
    codes recorded as plain strings by other apps, are in ``events.py`` (one table). The
    field itself has no ``choices``: another app may record a new action without a
    migration."""

    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCKED_OUT = "locked_out"
    TWO_FACTOR_ENROLLED = "two_factor_enrolled"
    TWO_FACTOR_VERIFIED = "two_factor_verified"
    TWO_FACTOR_FAILED = "two_factor_failed"
    ROLE_CHANGED = "role_changed"
    INVITATION_SENT = "invitation_sent"
    INVITATION_ACCEPTED = "invitation_accepted"
    PASSWORD_RESET_REQUESTED = "password_reset_requested"
    PASSWORD_RESET = "password_reset"
    PERSON_VIEWED = "person_viewed"
    PEOPLE_LISTED = "people_listed"
    AUDIT_LOG_VIEWED = "audit_log_viewed"
    CHECK_RUN = "check_run"
    PROTOCOL_ACKNOWLEDGED = "protocol_acknowledged"
    STUDENTS_IMPORTED = "students_imported"
    CONSENT_DECIDED = "consent_decided"
    CONSENT_LIST_VIEWED = "consent_list_viewed"
    CONSENT_LIST_EXPORTED = "consent_list_exported"
    ACCESS_REFUSED = "access_refused"
    GROUPS_LINKED = "groups_linked"
    ALL_GROUPS_GRANTED = "all_groups_granted"
    ALL_GROUPS_WITHDRAWN = "all_groups_withdrawn"
    CONSENT_HISTORY_VIEWED = "consent_history_viewed"
    CONSENT_PAPER_FORM_RECORDED = "consent_paper_form_recorded"
    CONSENT_DATA_EXPORTED = "consent_data_exported"
    CONSENT_PURGED = "consent_purged"
    GUARDIAN_LINK_MADE = "guardian_link_made"
    GUARDIAN_LINK_MAILED = "guardian_link_mailed"
    GUARDIAN_LINK_REVOKED = "guardian_link_revoked"
    GUARDIAN_LINK_USED = "guardian_link_used"
    GUARDIAN_LINK_REFUSED = "guardian_link_refused"
    GUARDIAN_PAGE_SUBMITTED = "guardian_page_submitted"
    GUARDIAN_LETTER_PRINTED = "guardian_letter_printed"


class AuditActor(models.Model):
    """The stable pseudonym of an account in the audit log: random, so it reveals nothing
    (not the e-mail address, not the account id). Removed with the account; the events keep
    the pseudonym, which then points at nobody the application still knows."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("account"))
    pseudonym = models.UUIDField(_("pseudonym"), default=uuid.uuid4, unique=True,
                                 editable=False)

    class Meta:
        verbose_name = _("audit pseudonym")
        verbose_name_plural = _("audit pseudonyms")

    def __str__(self) -> str:
        return str(self.pseudonym)

    @classmethod
    def pseudonym_of(cls, user_id: int, using: str | None = None) -> str:
        actor, _created = cls.objects.using(using).get_or_create(user_id=user_id)
        return str(actor.pseudonym)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def about(self, people_ids: Collection[int]) -> AuditEventQuerySet:
        """The events about these people: whose object is one of them, whose detail names
        one of them by id (``events.PERSON_DETAIL_KEYS``), or whose actor is one of their
        accounts. The log's filter per person and retention both ask this."""
        from protocolwijzer.audit.events import PERSON_DETAIL_KEYS
        from protocolwijzer.schools.models import Person

        ids = [int(i) for i in people_ids]
        if not ids:
            return self.none()
        about = Q(object_type=Person._meta.label_lower, object_id__in=[str(i) for i in ids])
        for key in PERSON_DETAIL_KEYS:
            about |= Q(**{f"detail__{key}__in": ids})
        user_ids = list(Person.objects.filter(pk__in=ids, user__isnull=False)
                        .values_list("user_id", flat=True))
        if user_ids:
            about |= Q(actor_id__in=user_ids)
        return self.filter(about)

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")

    def bulk_create(self, objs: Iterable[AuditEvent], *args: Any,  # type: ignore[override]
                    **kwargs: Any) -> list[AuditEvent]:
        """One by one: each event links to the one before it."""
        created = []
        with transaction.atomic(using=self.db):
            for event in objs:
                event.save(using=self.db)
                created.append(event)
        return created


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
    actor_pseudonym = models.CharField(_("actor pseudonym"), max_length=36, blank=True)
    actor_role = models.CharField(_("actor's role"), max_length=40, blank=True)
    # Retention (actions.do_reduce_events_for_retention) blanks the personal fields and
    # sets this; the hashes stay, so the chain still verifies.
    reduced = models.BooleanField(_("removed by retention"), default=False)
    # The chain (chain.py). ``salt`` makes personal_hash unguessable; it is blanked with
    # the personal fields. previous_hash is unique: two events can never follow the same
    # event, so the chain cannot fork.
    salt = models.CharField(max_length=32, blank=True, editable=False)
    personal_hash = models.CharField(max_length=64, editable=False)
    previous_hash = models.CharField(max_length=64, unique=True, editable=False)
    chain_hash = models.CharField(max_length=64, unique=True, editable=False)

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
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self._link(using)
            super().save(*args, **kwargs)

    def _link(self, using: str) -> None:
        """Fills in the pseudonym and the hashes, after the last event of the chain."""
        from protocolwijzer.audit import chain

        if self.actor_id is not None and not self.actor_pseudonym:
            self.actor_pseudonym = AuditActor.pseudonym_of(self.actor_id, using)
        for name in ("action", "actor_email", "actor_role", "object_type", "object_id"):
            setattr(self, name, str(getattr(self, name) or ""))
        self.created_at = self.created_at or timezone.now()
        if timezone.is_naive(self.created_at):
            self.created_at = timezone.make_aware(self.created_at)
        self.detail = chain.plain_detail(self.detail)
        if self.ip:
            self.ip = type(self)._meta.get_field("ip").get_prep_value(self.ip)
        self.ip = self.ip or None
        self.salt = secrets.token_hex(16)
        chain.lock_for_append(using)
        self.previous_hash = (type(self)._base_manager.using(using).order_by("-pk")
                              .values_list("chain_hash", flat=True).first() or chain.GENESIS)
        row = {name: getattr(self, name) for name in
               ("created_at", "actor_pseudonym", "actor_role", "action", "school_id",
                "object_type", "salt", "actor_email", "ip", "object_id", "detail")}
        self.personal_hash = chain.personal_hash(row)
        self.chain_hash = chain.chain_hash(row, self.previous_hash, self.personal_hash)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")
