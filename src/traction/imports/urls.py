"""ModernGov import pages, under /p/<slug>/imports/."""

from django.urls import path

from traction.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.SourceListView.as_view(), name="source-list"),
    path("new/", views.SourceCreateView.as_view(), name="source-create"),
    path("<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("<int:pk>/committees/", views.SourceCommitteesView.as_view(), name="source-committees"),
    path("<int:pk>/run/", views.RunCreateView.as_view(), name="run-create"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run-detail"),
    path("runs/<int:pk>/progress/", views.RunProgressView.as_view(), name="run-progress"),
    path("runs/<int:pk>/cancel/", views.RunCancelView.as_view(), name="run-cancel"),
]
