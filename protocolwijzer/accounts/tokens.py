"""The token in a forgotten-password link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class ResetLinkTokenGenerator(PasswordResetTokenGenerator):
    """Django's generator (the link stops working once the password or the last sign-in
    changes), but valid for two hours instead of PASSWORD_RESET_TIMEOUT's three days: a
    link that sits in a mailbox for days is a way into an account that sees pupils'
    personal data, and a person who forgot their password uses the link right away."""

    VALID_FOR = timedelta(hours=2)

    def check_token(self, user: Any, token: str | None) -> bool:
        if not super().check_token(user, token):
            return False
        # super() accepted the token, so it has the form "<base36 timestamp>-<hash>".
        issued = base36_to_int(str(token).split("-")[0])
        return self._num_seconds(self._now()) - issued <= self.VALID_FOR.total_seconds()


reset_link_tokens = ResetLinkTokenGenerator()
