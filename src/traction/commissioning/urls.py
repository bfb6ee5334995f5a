"""Commissioning strategies, gates, options appraisals, outcome reviews, the portfolio and self-assessments,
under /p/<slug>/commissioning/."""

from django.urls import path

from .views import appraisals, gates, home, portfolio, reviews, self_assessment, strategies

app_name = "commissioning"

urlpatterns = [
    path("", home.CommissioningHomeView.as_view(), name="commissioning-home"),
    path("strategies/", strategies.StrategyListView.as_view(), name="strategy-list"),
    path("strategies/new/", strategies.StrategyCreateView.as_view(), name="strategy-create"),
    path("strategies/<int:pk>/", strategies.StrategyDetailView.as_view(), name="strategy-detail"),
    path("strategies/<int:pk>/edit/", strategies.StrategyUpdateView.as_view(), name="strategy-update"),
    path("strategies/<int:pk>/delete/", strategies.StrategyDeleteView.as_view(), name="strategy-delete"),
    path("strategies/<int:pk>/tick/", strategies.StrategyTickView.as_view(), name="strategy-tick"),
    path("strategies/<int:pk>/gate/", gates.GateScheduleView.as_view(), name="gate-create"),
    path("gates/<int:pk>/", gates.GateDetailView.as_view(), name="gate-detail"),
    path("gates/<int:pk>/assess/", gates.GateAssessView.as_view(), name="gate-assess"),
    path("gates/<int:pk>/decide/", gates.GateDecideView.as_view(), name="gate-decide"),
    *[
        route
        for kind, prefix in (("toolkitstep", "toolkit"), ("criteriontemplate", "gate-criteria"))
        for route in (
            path(f"{prefix}/", strategies.TemplateListView.as_view(kind=kind), name=f"{kind}-list"),
            path(
                f"{prefix}/defaults/",
                strategies.TemplateDefaultsView.as_view(kind=kind),
                name=f"{kind}-defaults",
            ),
            path(f"{prefix}/new/", strategies.TemplateCreateView.as_view(kind=kind), name=f"{kind}-create"),
            path(
                f"{prefix}/<int:pk>/edit/",
                strategies.TemplateUpdateView.as_view(kind=kind),
                name=f"{kind}-update",
            ),
            path(
                f"{prefix}/<int:pk>/retire/",
                strategies.TemplateRetireView.as_view(kind=kind),
                name=f"{kind}-retire",
            ),
        )
    ],
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
