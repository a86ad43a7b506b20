"""E-mail notifications (issue 14): what someone should know about, and how often they
want to hear it.

A ``Notice`` is one thing to tell one person: new take-down tasks, tasks past their due
date, a changed decision in a mentor's group. It holds counts, dates and ids, never a
child's name: the mail says what happened and links to the page, where access is checked
again. A notice is sent by the task queue right after the change (``tasks.send_notices``),
or with the week's other notices in one digest when the person chose so
(``MailPreference``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import School


class MailPreference(models.Model):
    class Frequency(models.TextChoices):
        EACH = "each", _("An e-mail each time")
        WEEKLY = "weekly", _("One summary a week, on Monday")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="mail_preference", verbose_name=_("account"))
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.EACH)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency}"


class Notice(models.Model):
    class Kind(models.TextChoices):
        TAKEDOWN_TASKS_CREATED = "takedown_tasks_created", _("new take-down tasks")
        TAKEDOWN_TASKS_OVERDUE = "takedown_tasks_overdue", _("take-down tasks overdue")
        DECISION_CHANGED = "decision_changed", _("a decision changed in your group")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notices", verbose_name=_("recipient"))
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("school"))
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    # Counts, dates and ids only (see the module's docstring).
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    # Fixed when the notice is made, from the recipient's preference then.
    in_digest = models.BooleanField(_("in the weekly summary"), default=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.kind} · {timezone.localtime(self.created_at):%Y-%m-%d}"
