"""Forms of the notification pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from protocolwijzer.notifications.models import MailPreference


class MailFrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often do you want an e-mail?"),
                                  choices=MailPreference.Frequency.choices,
                                  widget=forms.RadioSelect)
