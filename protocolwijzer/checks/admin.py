from django.contrib import admin
from django.http import HttpRequest

from protocolwijzer.checks.models import CheckRecord


@admin.register(CheckRecord)
class CheckRecordAdmin(admin.ModelAdmin):
    """Read-only: a record is what the checker decided at the time."""

    list_display = ["created_at", "school", "verdict", "protocol_version"]
    list_filter = ["verdict", "school"]
    readonly_fields = ["person", "user", "school", "protocol_version", "created_at",
                       "situation", "verdict", "articles"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
