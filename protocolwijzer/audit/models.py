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
    """Known actions. The field itself has no ``choices``: another app may record a new
    action without a migration. The log page says each in words from the table of
    ``events.py``; an action with only a label here reads "<actor> <label>"."""

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
    GROUPS_LINKED = "groups_linked", _("changed the groups a staff member teaches")
    ALL_GROUPS_GRANTED = "all_groups_granted", _("allowed a staff member to see every group")
    ALL_GROUPS_WITHDRAWN = "all_groups_withdrawn", _(
        "withdrew a staff member's access to every group")
    CONSENT_HISTORY_VIEWED = "consent_history_viewed", _("viewed a student's consent history")
    CONSENT_PAPER_FORM_RECORDED = "consent_paper_form_recorded", _(
        "recorded a paper consent form on behalf of a parent or student")
    CONSENT_DATA_EXPORTED = "consent_data_exported", _("downloaded their own consent data")
    CONSENT_PURGED = "consent_purged", _(
        "removed the data of students who left, after the retention period")
    GUARDIAN_LINK_MADE = "guardian_link_made", _("made a new link for a parent")
    GUARDIAN_LINK_MAILED = "guardian_link_mailed", _("e-mailed a parent their link")
    GUARDIAN_LINK_REVOKED = "guardian_link_revoked", _("stopped a parent's link")
    GUARDIAN_LINK_USED = "guardian_link_used", _("a parent opened their link")
    GUARDIAN_LINK_REFUSED = "guardian_link_refused", _(
        "opened a parent's link while signed in, and was refused")
    GUARDIAN_PAGE_SUBMITTED = "guardian_page_submitted", _("a parent saved their choice")
    GUARDIAN_LETTER_PRINTED = "guardian_letter_printed", _("made a letter for a parent")
    MEDIA_UPLOADED = "media_uploaded", _("uploaded a photo or video to the checker")
    MEDIA_VIEWED = "media_viewed", _("looked at a photo or video of the checker")
    MEDIA_DOWNLOADED = "media_downloaded", _("downloaded a photo or video of the checker")
    MEDIA_FACE_DRAWN = "media_face_drawn", _("drew a face the software missed")
    MEDIA_FACE_REMOVED = "media_face_removed", _("removed a box that was no face")
    MEDIA_FACE_TAGGED = "media_face_tagged", _("tagged a face on a photo or video")
    MEDIA_BLUR_CHOSEN = "media_blur_chosen", _("chose the faces to blur")
    MEDIA_BLUR_REQUESTED = "media_blur_requested", _("asked for a blurred version")
    MEDIA_RETRIED = "media_retried", _("started a failed photo or video job again")
    MEDIA_CHECKED = "media_checked", _("checked a photo or video against the consent register")
    MEDIA_DELETED = "media_deleted", _("deleted a photo or video of the checker")
    MEDIA_PURGED = "media_purged", _(
        "removed photos and videos of the checker after the retention period")


# How the log page names the parts of an event's detail and the kinds of object, so that a
# schoolleider reads words, not field names. A key or kind missing here is shown as stored.
_DETAIL_LABELS = {
    "outcome": _("answer"), "kind": _("kind"), "id": _("number"), "route": _("page"),
    "method": _("request"), "limit_reached": _("more refusals this minute are not logged"),
    "count": _("number of people"), "students": _("students"), "decisions": _("decisions"),
    "guardians": _("parents"), "accounts": _("accounts"),
    "retention_months": _("retention period in months"), "left_before": _("left before"),
    "purpose": _("purpose"), "choice": _("choice"), "how": _("how"),
    "decided_by": _("on behalf of (person number)"), "form_dated": _("date on the form"),
    "link": _("link number"), "reason": _("reason"), "role": _("role"),
    "locked_out": _("locked out"), "page": _("log page"), "api_token": _("API key number"),
    "api_token_name": _("API key"), "from": _("from"), "to": _("to"),
    "added": _("added"), "removed": _("removed"), "group": _("group number"),
    "variant": _("which file"), "download": _("downloaded"), "face": _("face number"),
    "faces": _("face numbers"), "tag": _("tag"), "step": _("step"), "channel": _("channel"),
    "format": _("file format"), "originals": _("originals"), "results": _("blurred versions"),
    "items": _("photos and videos"), "orphans": _("left-over files"),
}
_DETAIL_VALUES = {
    True: _("yes"), False: _("no"), "given": _("yes"), "refused": _("no"),
    "paper_form": _("paper form"), "guardian_page": _("parent's page"),
    "signed_in": _("signed in with another account"),
    # Values of the checker's photo and video events (only those no other event uses).
    "original": _("original"), "result": _("blurred version"), "thumbnail": _("thumbnail"),
    "not_ours": _("not a student of ours"), "untagged": _("not tagged"),
}
_OBJECT_KINDS = {"schools.person": _("person"), "schools.group": _("group"),
                 "media.mediaitem": _("photo or video"),
                 "accounts.user": _("account"), "person": _("person"), "group": _("group")}

# The page showing each kind of object; the access functions behind them still decide
# whether the reader of the log may open it.
_TARGET_PAGES = {"schools.person": "schools:person", "schools.group": "schools:group"}


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
        at = timezone.localtime(self.created_at)
        return f"{at:%Y-%m-%d %H:%M:%S} {self.actor_email or '-'} {self.action}"

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
