from django.urls import path

from traction.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("p/<slug:slug>/audit/", views.AuditListView.as_view(), name="audit-list"),
    path("p/<slug:slug>/settings/", views.PartnershipSettingsView.as_view(), name="partnership-settings"),
    path("p/<slug:slug>/permissions/", views.PermissionTableView.as_view(), name="permission-table"),
]
