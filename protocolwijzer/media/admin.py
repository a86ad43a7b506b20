from django.contrib import admin

from protocolwijzer.media.models import MediaSettings


@admin.register(MediaSettings)
class MediaSettingsAdmin(admin.ModelAdmin):
    """A school's retention of the checker's photos and videos. The files themselves are
    not in the admin: they are seen only through the checker, and audited there."""

    list_display = ["school", "original_hours", "result_days"]
