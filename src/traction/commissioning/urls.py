"""Commissioning strategies, gates, options appraisals, outcome reviews, the portfolio and self-assessments,
under /p/<slug>/commissioning/."""

from django.urls import path

from .views import home, portfolio, reviews, self_assessment

app_name = "commissioning"

urlpatterns = [
    path("", home.CommissioningHomeView.as_view(), name="commissioning-home"),
    # strategies
    # appraisals
    # portfolio
    path("portfolio/", portfolio.PortfolioView.as_view(), name="portfolio"),
    path("portfolio.csv", portfolio.PortfolioDownloadView.as_view(), name="portfolio-download"),
    path("settings/", portfolio.SettingsView.as_view(), name="settings"),
    path("settings/edit/", portfolio.SettingsUpdateView.as_view(), name="settings-update"),
    path("strategies/<int:pk>/review/new/", reviews.ReviewCreateView.as_view(), name="review-create"),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
    path("reviews/<int:pk>/edit/", reviews.ReviewUpdateView.as_view(), name="review-update"),
    path("reviews/<int:pk>/decide/", reviews.ReviewDecideView.as_view(), name="review-decide"),
    path("self-assessment/", self_assessment.SelfAssessmentListView.as_view(), name="selfassessment-list"),
    path(
        "self-assessment/new/",
        self_assessment.SelfAssessmentCreateView.as_view(),
        name="selfassessment-create",
    ),
    path(
        "self-assessment/<int:pk>/",
        self_assessment.SelfAssessmentDetailView.as_view(),
        name="selfassessment-detail",
    ),
    path(
        "self-assessment/<int:pk>/edit/",
        self_assessment.SelfAssessmentUpdateView.as_view(),
        name="selfassessment-update",
    ),
    path(
        "self-assessment/<int:pk>/action/",
        self_assessment.SelfAssessmentActionView.as_view(),
        name="selfassessment-action",
    ),
]
