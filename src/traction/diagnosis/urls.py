"""The diagnosis pages, under /p/<slug>/diagnosis/. The period and the signal are query parameters."""
from django.urls import path

from traction.diagnosis import views

app_name = "diagnosis"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("bodies/<int:pk>/", views.BodyProfileView.as_view(), name="body-profile"),
    path("bodies/<int:pk>/evidence/", views.EvidenceView.as_view(), name="evidence"),
]
