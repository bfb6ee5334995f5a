"""The diagnosis pages, under /p/<slug>/diagnosis/. The period, the signal and a download's format are query
parameters."""

from django.urls import path

from traction.diagnosis import export_views, threshold_views, views

app_name = "diagnosis"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("export/", export_views.OverviewExportView.as_view(), name="overview-export"),
    path("actions/export/", export_views.ActionExportView.as_view(), name="action-export"),
    path("bodies/<int:pk>/", views.BodyProfileView.as_view(), name="body-profile"),
    path("bodies/<int:pk>/export/", export_views.BodyExportView.as_view(), name="body-export"),
    path("bodies/<int:pk>/report/", export_views.BodyReportView.as_view(), name="body-report"),
    path("bodies/<int:pk>/report.pdf", export_views.BodyReportPdfView.as_view(), name="body-report-pdf"),
    path("bodies/<int:pk>/evidence/", views.EvidenceView.as_view(), name="evidence"),
    path("thresholds/", threshold_views.DiagnosisSettingsView.as_view(), name="settings"),
    path("thresholds/change/", threshold_views.DiagnosisSettingsUpdateView.as_view(), name="settings-update"),
]
