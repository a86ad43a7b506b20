from django.contrib import admin

from protocolwijzer.consent.models import ConsentSettings, ConsentText, Decision, Purpose


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "code", "silence", "ask_each_year", "is_active"]
    list_filter = ["school"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """History: readable for operators, never editable."""

    list_display = ["student", "purpose", "choice", "decided_by", "how", "decided_at"]
    list_filter = ["purpose__school", "purpose", "choice", "how"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


admin.site.register(ConsentSettings)
admin.site.register(ConsentText)
