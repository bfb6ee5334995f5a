"""The URLs of feedback after sessions, at the end and months later."""

from django.urls import URLPattern, path

from ..views import feedback as views

urlpatterns: list[URLPattern] = [
    path("sessions/<int:pk>/feedback/", views.SessionFeedbackView.as_view(), name="feedback-session"),
    path(
        "programmes/<int:pk>/feedback/then-and-now/",
        views.ThenAndNowView.as_view(),
        name="feedback-then-and-now",
    ),
    path(
        "programmes/<int:pk>/feedback/follow-up-3/",
        views.FollowUpView.as_view(months=3),
        name="feedback-follow-up-3",
    ),
    path(
        "programmes/<int:pk>/feedback/follow-up-6/",
        views.FollowUpView.as_view(months=6),
        name="feedback-follow-up-6",
    ),
    path("programmes/<int:pk>/feedback/", views.FeedbackReportView.as_view(), name="feedback-report"),
    path(
        "programmes/<int:pk>/feedback/download/",
        views.FeedbackDownloadView.as_view(),
        name="feedback-download",
    ),
    path(
        "programmes/<int:pk>/feedback/comments/",
        views.CommentReleaseView.as_view(),
        name="feedback-comments",
    ),
    path("programmes/<int:pk>/objectives/", views.ObjectiveListView.as_view(), name="feedback-objectives"),
    path(
        "programmes/<int:pk>/objectives/new/",
        views.ObjectiveCreateView.as_view(),
        name="feedback-objective-create",
    ),
    path("objectives/<int:pk>/edit/", views.ObjectiveUpdateView.as_view(), name="feedback-objective-update"),
    path(
        "objectives/<int:pk>/delete/", views.ObjectiveDeleteView.as_view(), name="feedback-objective-delete"
    ),
]
