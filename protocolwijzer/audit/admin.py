from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from protocolwijzer.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: operators may look, nobody may add, change or delete (see models.py)."""

    list_display = ["created_at", "action", "actor_email", "actor_role", "school",
                    "object_type", "object_id", "ip", "reduced"]
    list_filter = ["action", "school", "reduced"]
    search_fields = ["actor_email", "object_id"]
    date_hierarchy = "created_at"
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
