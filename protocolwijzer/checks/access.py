"""The one way the checker's pages find the school and protocol a member checks under."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from protocolwijzer.protocols.access import SchoolProtocol, access_school_protocol
from protocolwijzer.schools.policy import Right


def access_checker(user: AbstractBaseUser | AnonymousUser,
                   school_id: str | int | None = None) -> SchoolProtocol:
    """The member's school and its protocol in force, for someone with Right.RUN_CHECK:
    403 without it (or without a school), 404 for a school the member does not act for.
    The protocol is always the school's own version: a member never picks another one."""
    return access_school_protocol(user, Right.RUN_CHECK, school_id)
