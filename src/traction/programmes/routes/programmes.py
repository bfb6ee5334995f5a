"""The URLs of programmes, cohorts, sessions and attendance."""

from django.urls import URLPattern, path

from ..views import programmes as views

urlpatterns: list[URLPattern] = [
    path("programme/", views.ProgrammeListView.as_view(), name="programme-list"),
    path("programme/new/", views.ProgrammeCreateView.as_view(), name="programme-create"),
    path("programme/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
    path("programme/<int:pk>/edit/", views.ProgrammeUpdateView.as_view(), name="programme-update"),
    path("programme/<int:pk>/delete/", views.ProgrammeDeleteView.as_view(), name="programme-delete"),
    path("programme/<int:pk>/cohort/new/", views.CohortCreateView.as_view(), name="cohort-create"),
    path("cohort/<int:pk>/", views.CohortDetailView.as_view(), name="cohort-detail"),
    path("cohort/<int:pk>/edit/", views.CohortUpdateView.as_view(), name="cohort-update"),
    path("cohort/<int:pk>/delete/", views.CohortDeleteView.as_view(), name="cohort-delete"),
    path("cohort/<int:pk>/print/", views.CohortPrintView.as_view(), name="cohort-print"),
    path("cohort/<int:pk>/enrol/", views.EnrolView.as_view(), name="cohort-enrol"),
    path("cohort/<int:pk>/session/new/", views.SessionCreateView.as_view(), name="session-create"),
    path("enrolment/<int:pk>/delete/", views.EnrolmentDeleteView.as_view(), name="enrolment-delete"),
    path("session/<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session-update"),
    path("session/<int:pk>/delete/", views.SessionDeleteView.as_view(), name="session-delete"),
    path("session/<int:pk>/register/", views.RegisterEntryView.as_view(), name="session-register"),
]
