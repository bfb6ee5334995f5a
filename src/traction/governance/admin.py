"""Site staff tooling. Day-to-day work happens in the app, where permissions and audit apply."""

from django.contrib import admin

from traction.governance import models

for model in (models.Organisation, models.Person, models.Body, models.Meeting, models.Paper):
    admin.site.register(model, list_filter=["partnership"], search_fields=["id"])


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["minute_reference", "text", "body", "lead", "due_date", "status"]
    list_filter = ["partnership", "status"]
    search_fields = ["text", "minute_reference"]


@admin.register(models.AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting", "outcome"]
    list_filter = ["partnership", "outcome"]
    search_fields = ["title", "resolution"]
