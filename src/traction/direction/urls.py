"""Principles, goals, outcomes, indicators, health checks and trust pulses, under /p/<slug>/direction/."""

from django.urls import path

from traction.governance.models import Action, AgendaItem

from .views import health, home, indicators, pulse, statements

app_name = "direction"

urlpatterns = [
    path("", home.DirectionHomeView.as_view(), name="direction-home"),
    # principles, goals and outcomes
    *[
        route
        for kind, prefix in (("principle", "principles"), ("goal", "goals"), ("outcome", "outcomes"))
        for route in (
            path(f"{prefix}/", statements.StatementListView.as_view(kind=kind), name=f"{kind}-list"),
            path(f"{prefix}/new/", statements.StatementCreateView.as_view(kind=kind), name=f"{kind}-create"),
            path(
                f"{prefix}/<int:pk>/edit/",
                statements.StatementUpdateView.as_view(kind=kind),
                name=f"{kind}-update",
            ),
            path(
                f"{prefix}/<int:pk>/agree/",
                statements.StatementAgreeView.as_view(kind=kind),
                name=f"{kind}-agree",
            ),
            path(
                f"{prefix}/<int:pk>/delete/",
                statements.StatementDeleteView.as_view(kind=kind),
                name=f"{kind}-delete",
            ),
        )
    ],
    path("outcomes/<int:pk>/", statements.OutcomeDetailView.as_view(), name="outcome-detail"),
    path("outcomes/<int:pk>/claims/", statements.OutcomeClaimsView.as_view(), name="outcome-claims"),
    path(
        "claims/decision/<int:pk>/",
        statements.RecordClaimsView.as_view(record_model=AgendaItem),
        name="decision-outcomes",
    ),
    path(
        "claims/action/<int:pk>/",
        statements.RecordClaimsView.as_view(record_model=Action),
        name="action-outcomes",
    ),
    path("on-a-page/", statements.OnAPageView.as_view(), name="direction-page"),
    path("on-a-page.pdf", statements.OnAPageView.as_view(fmt="pdf"), name="direction-page-pdf"),
    # indicators
    path("indicators/", indicators.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/new/", indicators.IndicatorCreateView.as_view(), name="indicator-create"),
    path("indicators/<int:pk>/", indicators.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/edit/", indicators.IndicatorUpdateView.as_view(), name="indicator-update"),
    path("indicators/<int:pk>/delete/", indicators.IndicatorDeleteView.as_view(), name="indicator-delete"),
    path("indicators/<int:pk>/values/", indicators.ValuesUploadView.as_view(), name="indicator-upload"),
    path("indicators/<int:pk>/pull/", indicators.IndicatorPullView.as_view(), name="indicator-pull"),
    # health checks
    path("health/", health.RunListView.as_view(), name="healthrun-list"),
    path("health/new/", health.RunCreateView.as_view(), name="healthrun-create"),
    path("health/<int:pk>/", health.RunDetailView.as_view(), name="healthrun-detail"),
    path("health/<int:pk>/answer/", health.AnswerView.as_view(), name="healthrun-answer"),
    path("health/<int:pk>/results/", health.RunResultsView.as_view(), name="healthrun-results"),
    path("health/<int:pk>/follow-up/", health.FollowUpCreateView.as_view(), name="healthfollowup-create"),
    path("health/<int:pk>/close/", health.RunCloseView.as_view(), name="healthrun-close"),
    path("health/statements/", health.StatementListView.as_view(), name="healthstatement-list"),
    path(
        "health/statements/defaults/", health.StatementDefaultsView.as_view(), name="healthstatement-defaults"
    ),
    path("health/statements/new/", health.StatementCreateView.as_view(), name="healthstatement-create"),
    path(
        "health/statements/<int:pk>/edit/",
        health.StatementUpdateView.as_view(),
        name="healthstatement-update",
    ),
    # trust pulse
    path("pulse/", pulse.PulseListView.as_view(), name="pulse-list"),
    path("pulse/new/", pulse.PulseCreateView.as_view(), name="pulse-create"),
    path("pulse/<int:pk>/", pulse.PulseDetailView.as_view(), name="pulse-detail"),
    path("pulse/<int:pk>/edit/", pulse.PulseUpdateView.as_view(), name="pulse-update"),
    path("pulse/<int:pk>/answer/", pulse.PulseAnswerView.as_view(), name="pulse-answer"),
    path("pulse/<int:pk>/results/", pulse.PulseResultsView.as_view(), name="pulse-results"),
    path("pulse/<int:pk>/comments/", pulse.PulseCommentsView.as_view(), name="pulse-comments"),
    path("pulse/<int:pk>/follow-up/", pulse.PulseFollowUpView.as_view(), name="pulse-follow-up"),
    path("pulse/<int:pk>/close/", pulse.PulseCloseView.as_view(), name="pulse-close"),
    path("pulse/<int:pk>/publish/", pulse.PulsePublishView.as_view(), name="pulse-publish"),
]
