"""The one way pages and the API load stichtingen, schools and people."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet

from protocolwijzer.schools.models import School, Stichting


def stichtingen_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Stichting]:
    """Stichtingen with their schools and each school's protocol.

    Which schools exist and which protocol they follow is public (both appear in the
    schoolgids), so everyone sees all of them. People are never loaded here: they will get
    their own access functions with the accounts.
    """
    schools = School.objects.select_related("protocol")
    return Stichting.objects.prefetch_related(Prefetch("schools", queryset=schools))
