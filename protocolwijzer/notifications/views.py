"""The page where someone who gets notification mails chooses how often."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from protocolwijzer.notifications.access import access_mail_preferences
from protocolwijzer.notifications.actions import do_set_mail_frequency, frequency_of
from protocolwijzer.notifications.forms import MailFrequencyForm
from protocolwijzer.notifications.models import Notice


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    membership = access_mail_preferences(request.user)
    form = MailFrequencyForm(request.POST or None,
                             initial={"frequency": frequency_of(request.user)})
    if request.method == "POST" and form.is_valid():
        do_set_mail_frequency(request.user, form.cleaned_data["frequency"])
        messages.success(request, _("Your choice is saved."))
        return redirect("notifications:preferences")
    waiting = Notice.objects.filter(recipient_id=request.user.pk, in_digest=True,
                                    sent_at=None).count()
    return render(request, "notifications/preferences.html", {
        "form": form, "membership": membership, "waiting": waiting,
        "email": getattr(request.user, "email", "")})
