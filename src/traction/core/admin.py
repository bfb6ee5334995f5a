from django.contrib import admin
from django.http import HttpRequest

from traction.core.models import AuditEvent, Membership, Partnership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sso_domains", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role"]
    list_filter = ["partnership", "role"]
    search_fields = ["user__username", "partnership__name"]
    autocomplete_fields = ["partnership"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited."""

    list_display = ["created_at", "partnership", "actor", "verb", "object_type", "object_repr"]
    list_filter = ["partnership", "verb", "object_type"]

    def has_add_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
