from django.contrib import admin

from protocolwijzer.schools.models import Group, Person, School, Stichting


class SchoolInline(admin.TabularInline):
    model = School
    fields = ["name", "slug", "protocol"]
    extra = 0
    show_change_link = True


@admin.register(Stichting)
class StichtingAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [SchoolInline]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "stichting", "protocol"]
    list_filter = ["stichting"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school"]
    list_filter = ["school"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "tussenvoegsel", "first_name", "role", "group", "school"]
    list_filter = ["school", "role"]
    search_fields = ["first_name", "last_name"]
    autocomplete_fields = ["group", "children", "user"]
