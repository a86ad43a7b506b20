from django.contrib import admin

from protocolwijzer.incidents.models import (
    Case,
    CaseEvent,
    DossierEntry,
    Duty,
    IncidentSettings,
    Measure,
    Question,
    Report,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For operators: cases are kept by the school's pages (``do_*`` actions, audited);
    here they are read only."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(IncidentSettings)
class IncidentSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["school", "aanspreekpunt", "triage_days", "retention_years"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["reference", "school", "channel", "created_at", "case"]
    list_filter = ["school", "channel"]
    # Not the description or the people: an operator has no business reading them.
    fields = ["reference", "school", "channel", "created_at", "case"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["pk", "school", "status", "severity", "opened_at", "triage_due"]
    list_filter = ["school", "status"]
    fields = ["school", "status", "severity", "protocol_id", "protocol_version", "opened_at",
              "triage_due", "closed_at"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "at"]
    fields = ["case", "kind", "at"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ["case", "measure", "article", "decided_on"]
    fields = ["case", "measure", "article", "decided_on"]


@admin.register(Duty)
class DutyAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "article", "status", "done_on"]
    fields = ["case", "kind", "article", "status", "done_on"]


@admin.register(DossierEntry)
class DossierEntryAdmin(ReadOnlyAdmin):
    list_display = ["school", "file", "article", "created_at"]
    fields = ["school", "file", "article", "created_at"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["school", "kind", "article", "asked_at", "answered_at"]
    fields = ["school", "kind", "article", "asked_at", "answered_at"]
