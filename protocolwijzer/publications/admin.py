from django.contrib import admin

from protocolwijzer.publications.models import Publication, PublicationSettings, TakedownTask


@admin.register(PublicationSettings)
class PublicationSettingsAdmin(admin.ModelAdmin):
    list_display = ["school", "retention_months"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """For operators: the log is kept by the school's pages (``do_*`` actions, audited);
    here it is read only."""

    list_display = ["description", "school", "channel", "published_at", "offline_since"]
    list_filter = ["school"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(TakedownTask)
class TakedownTaskAdmin(admin.ModelAdmin):
    list_display = ["publication", "status", "reason", "due_on", "done_at"]
    list_filter = ["status"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
