from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from protocolwijzer.consent.models import ConsentSettings, ConsentText, Decision, Purpose


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin):
    """A purpose with decisions keeps its meaning: code, name and description are shown
    read-only (``Purpose.save()`` refuses too). A new meaning is a new purpose."""

    list_display = ["name", "school", "code", "silence", "ask_each_year", "is_active"]
    list_filter = ["school"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        if obj is not None and obj.has_decisions:
            return [*Purpose.MEANING_FIELDS, "school"]
        return []

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return super().has_delete_permission(request, obj) and (obj is None
                                                                 or not obj.has_decisions)


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    """A text that decisions were given on is read-only (``ConsentText.save()`` refuses
    too): to change the wording, add a text with a higher version; new decisions use the
    newest."""

    list_display = ["school", "version", "created_at", "used"]
    list_filter = ["school"]

    @admin.display(boolean=True, description=_("used for decisions"))
    def used(self, obj: ConsentText) -> bool:
        return obj.is_used

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Without the change permission the admin shows the text read-only.
        return super().has_change_permission(request, obj) and (obj is None
                                                                 or not obj.is_used)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return super().has_delete_permission(request, obj) and (obj is None
                                                                 or not obj.is_used)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, object]:
        initial = super().get_changeform_initial_data(request)
        latest = ConsentText.objects.aggregate(Max("version"))["version__max"] or 0
        initial.setdefault("version", latest + 1)
        return initial


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """History: readable for operators, never editable."""

    list_display = ["student", "purpose", "choice", "decided_by", "how", "recorded_by",
                    "form_dated", "decided_at"]
    list_filter = ["purpose__school", "purpose", "choice", "how"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


admin.site.register(ConsentSettings)
