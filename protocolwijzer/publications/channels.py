"""Channels of the publication log in words: the checker's names for them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from protocolwijzer.checks.forms import CHANNEL_LABELS


def channel_label(channel: str) -> str:
    """A channel of the log in words; no channel (the contract's default) is other social
    media."""
    if not channel or channel == "social_media":
        return _("Other social media")
    return str(CHANNEL_LABELS.get(channel, channel))
