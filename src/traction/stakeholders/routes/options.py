"""The URLs of rival change options and priorities exercises."""

from django.urls import URLPattern, path

from ..views import options as o
from ..views import options_priorities as p

urlpatterns: list[URLPattern] = [
    path("options/", o.OptionListView.as_view(), name="option-list"),
    path("options/new/", o.OptionCreateView.as_view(), name="option-create"),
    path("options/compare/", o.OptionCompareView.as_view(), name="option-compare"),
    path("options/<int:pk>/", o.OptionDetailView.as_view(), name="option-detail"),
    path("options/<int:pk>/edit/", o.OptionUpdateView.as_view(), name="option-update"),
    path("options/<int:pk>/delete/", o.OptionDeleteView.as_view(), name="option-delete"),
    path("options/<int:pk>/position/", o.PositionCreateView.as_view(), name="position-create"),
    path("priorities/", p.PrioritiesListView.as_view(), name="priorities-list"),
    path("priorities/new/", p.PrioritiesCreateView.as_view(), name="priorities-create"),
    path("priorities/<int:pk>/", p.PrioritiesDetailView.as_view(), name="priorities-detail"),
    path("priorities/<int:pk>/edit/", p.PrioritiesUpdateView.as_view(), name="priorities-update"),
    path("priorities/<int:pk>/delete/", p.PrioritiesDeleteView.as_view(), name="priorities-delete"),
    path("priorities/<int:pk>/open/", p.PrioritiesOpenView.as_view(), name="priorities-open"),
    path("priorities/<int:pk>/close/", p.PrioritiesCloseView.as_view(), name="priorities-close"),
    path("priorities/<int:pk>/answer/", p.PrioritiesAnswerView.as_view(), name="priorities-answer"),
    path("priorities/<int:pk>/results/", p.PrioritiesResultsView.as_view(), name="priorities-results"),
    path("priorities/<int:pk>/agree/", p.PrioritiesAgreeView.as_view(), name="priorities-agree"),
]
