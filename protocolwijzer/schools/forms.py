from django import forms
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import Person


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Person.Role.choices)
