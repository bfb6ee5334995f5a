"""Commissioning strategies, gates, options appraisals, outcome reviews, the portfolio and self-assessments,
under /p/<slug>/commissioning/."""

from django.urls import path

from .views import appraisals, home

app_name = "commissioning"

urlpatterns = [
    path("", home.CommissioningHomeView.as_view(), name="commissioning-home"),
    # strategies
    # appraisals
    path("appraisals/", appraisals.AppraisalListView.as_view(), name="appraisal-list"),
    path(
        "strategies/<int:pk>/appraisals/new/",
        appraisals.AppraisalCreateView.as_view(),
        name="appraisal-create",
    ),
    path("appraisals/<int:pk>/", appraisals.AppraisalDetailView.as_view(), name="appraisal-detail"),
    path("appraisals/<int:pk>/edit/", appraisals.AppraisalUpdateView.as_view(), name="appraisal-update"),
    path("appraisals/<int:pk>/delete/", appraisals.AppraisalDeleteView.as_view(), name="appraisal-delete"),
    path("appraisals/<int:pk>/factors/", appraisals.FactorsView.as_view(), name="appraisal-factors"),
    path("appraisals/<int:pk>/options/new/", appraisals.OptionCreateView.as_view(), name="option-create"),
    path("appraisals/options/<int:pk>/edit/", appraisals.OptionUpdateView.as_view(), name="option-update"),
    path("appraisals/options/<int:pk>/delete/", appraisals.OptionDeleteView.as_view(), name="option-delete"),
    path("appraisals/<int:pk>/score/", appraisals.ScoreView.as_view(), name="appraisal-score"),
    path(
        "appraisals/<int:pk>/complete/", appraisals.AppraisalCompleteView.as_view(), name="appraisal-complete"
    ),
    path("appraisals/<int:pk>/reopen/", appraisals.AppraisalReopenView.as_view(), name="appraisal-reopen"),
    path(
        "appraisals/<int:pk>/export.csv",
        appraisals.AppraisalExportView.as_view(fmt="csv"),
        name="appraisal-csv",
    ),
    path(
        "appraisals/<int:pk>/export.xlsx",
        appraisals.AppraisalExportView.as_view(fmt="xlsx"),
        name="appraisal-xlsx",
    ),
    # portfolio
]
