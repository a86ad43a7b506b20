"""Whether to offer a link to a dossier (the door itself is dossier.dossier_person_for)."""

from __future__ import annotations

from django import template

from protocolwijzer.incidents.dossier import User, may_open_dossier, own_dossier_people
from protocolwijzer.schools.models import Person

register = template.Library()


@register.filter
def may_open_dossier_of(user: User, person: Person) -> bool:
    return may_open_dossier(user, person)


@register.filter
def has_own_dossier_page(user: User) -> bool:
    return bool(own_dossier_people(user))
