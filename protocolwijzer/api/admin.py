from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from protocolwijzer.api.actions import do_revoke_token
from protocolwijzer.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Operators see and revoke tokens here; they make them with ``create_api_token``,
    because the token itself can only be shown once, at the moment it is made."""

    list_display = ["name", "user", "school", "role", "scopes", "created_at", "last_used_at",
                    "expires_at", "revoked_at"]
    list_filter = ["school", "role"]
    search_fields = ["name", "user__email", "school__name"]
    readonly_fields = ["name", "user", "school", "role", "scopes", "created_at",
                       "last_used_at", "expires_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            do_revoke_token(token)
