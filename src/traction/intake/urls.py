"""Documents and review pages, under /p/<slug>/intake/. Patterns take only the slug and integer pks."""

from django.urls import path

from traction.intake import views

app_name = "intake"
urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("bodies/<int:pk>/upload/", views.DocumentUploadView.as_view(), name="document-upload-body"),
    path(
        "meetings/<int:pk>/upload/",
        views.DocumentUploadView.as_view(to_meeting=True),
        name="document-upload-meeting",
    ),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<int:pk>/status/", views.DocumentStatusView.as_view(), name="document-status"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="document-download"),
    path("documents/<int:pk>/retry/", views.DocumentRetryView.as_view(), name="document-retry"),
    path("reviews/", views.ReviewListView.as_view(), name="review-list"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("reviews/<int:pk>/meeting/", views.ReviewMeetingView.as_view(), name="review-meeting"),
    path("reviews/<int:pk>/add-item/", views.ReviewAddItemView.as_view(), name="review-add-item"),
    path("reviews/<int:pk>/labels/", views.ReviewLabelsView.as_view(), name="review-labels"),
    path("proposals/<int:pk>/", views.ProposalUpdateView.as_view(), name="proposal-update"),
    path("proposals/<int:pk>/split/", views.ProposalSplitView.as_view(), name="proposal-split"),
]
