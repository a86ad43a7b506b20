from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from protocolwijzer.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """For looking up whether someone was invited; invitations are made on the person's
    page (the token exists only in the mail, so the admin cannot make a usable one)."""

    list_display = ["email", "person", "created_at", "expires_at", "used_at", "created_by"]
    search_fields = ["email", "person__first_name", "person__last_name"]
    fields = ["person", "email", "created_by", "created_at", "expires_at", "used_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
