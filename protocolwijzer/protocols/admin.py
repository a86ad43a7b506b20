from django.contrib import admin
from django.http import HttpRequest

from protocolwijzer.protocols.models import Acknowledgement, Article, ProtocolVersion


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["article_id", "kind", "section_title", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ProtocolVersion)
class ProtocolVersionAdmin(admin.ModelAdmin):
    """Read-only: a version is the exact text that was imported, and checks made under it
    cite its wording; a changed text is imported as a new version instead."""

    list_display = ["title", "organisation", "version", "protocol_id", "loaded_at",
                    "is_builtin"]
    list_filter = ["is_builtin", "protocol_id"]
    search_fields = ["title", "organisation", "protocol_id"]
    inlines = [ArticleInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    """Read-only: an acknowledgement is a person's own statement; only they make it."""

    list_display = ["person", "protocol_version", "acknowledged_at"]
    list_filter = ["protocol_version"]
    readonly_fields = ["person", "protocol_version", "acknowledged_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
