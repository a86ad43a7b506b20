"""The door of the notification settings: only people who receive notification mails
(``Right.RECEIVE_MAIL_NOTICES``: communicatie, mentors, the school's management) choose
how often."""

from __future__ import annotations

from protocolwijzer.schools.access import Actor, require_right
from protocolwijzer.schools.policy import Membership, Right, membership_for


def access_mail_preferences(user: Actor) -> Membership:
    return require_right(user, Right.RECEIVE_MAIL_NOTICES)


def may_choose_mail_frequency(user: Actor) -> bool:
    membership = user if isinstance(user, Membership) else membership_for(user)
    return membership is not None and membership.has(Right.RECEIVE_MAIL_NOTICES)
