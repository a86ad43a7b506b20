from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CheckRecord(models.Model):
    """That someone checked a situation, under which protocol version, and the outcome.

    Deliberately incomplete: ``situation`` is the situation *without* the post's text and
    without file names (see ``actions.do_record_check``), and photos are never stored.
    It still re-parses under the situation contract, so a school can see which articles
    its people run into, and a record can be re-decided after a protocol change (the text
    rules then see no text).
    """

    class Verdict(models.TextChoices):
        ALLOWED = "allowed", _("allowed")
        NEEDS_CHANGES = "needs_changes", _("allowed after changes")
        FORBIDDEN = "forbidden", _("not allowed")
        OUT_OF_SCOPE = "out_of_scope", _("outside the protocol")

    # Who: the Person they act as, and the account (a beheerder may have no Person).
    person = models.ForeignKey("schools.Person", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="check_records",
                               verbose_name=_("person"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="check_records",
                             verbose_name=_("account"))
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE,
                               related_name="check_records", verbose_name=_("school"))
    # PROTECT: the record cites articles of this exact wording.
    protocol_version = models.ForeignKey("protocols.ProtocolVersion", on_delete=models.PROTECT,
                                         related_name="check_records",
                                         verbose_name=_("protocol version"))
    created_at = models.DateTimeField(_("checked at"), default=timezone.now, db_index=True)
    situation = models.JSONField(_("situation (without text)"), encoder=DjangoJSONEncoder)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    articles = models.JSONField(_("articles cited"), default=list, blank=True,
                                help_text=_("The ids of the articles the findings rest on."))

    class Meta:
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        day = timezone.localdate(self.created_at)
        return f"{self.school} · {self.get_verdict_display()} · {day:%Y-%m-%d}"
