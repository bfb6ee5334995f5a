"""Problem trees, shared pictures, agreement rounds and awaydays, under /p/<slug>/workshop/."""

from django.urls import URLPattern, path
from django.views import View

from . import views

app_name = "workshop"


def _exports(prefix: str, view: type[View]) -> list[URLPattern]:
    return [
        path(f"{prefix}/<int:pk>/export.{fmt}", view.as_view(fmt=fmt), name=f"{prefix}-export-{fmt}")
        for fmt in ("svg", "png", "pdf", "json")
    ]


urlpatterns = [
    path("", views.WorkshopHomeView.as_view(), name="workshop-home"),
    path("tree/new/", views.TreeCreateView.as_view(), name="tree-create"),
    path("tree/<int:pk>/", views.TreeDetailView.as_view(), name="tree-detail"),
    path("tree/<int:pk>/edit/", views.TreeUpdateView.as_view(), name="tree-update"),
    path("tree/<int:pk>/delete/", views.TreeDeleteView.as_view(), name="tree-delete"),
    path("tree/<int:pk>/objectives/", views.TreeObjectivesView.as_view(), name="tree-objectives"),
    path("tree/<int:pk>/node/new/", views.NodeCreateView.as_view(), name="node-create"),
    path("tree/<int:pk>/grow/", views.NodeGrowView.as_view(), name="node-grow"),
    path("node/<int:pk>/edit/", views.NodeUpdateView.as_view(), name="node-update"),
    path("node/<int:pk>/delete/", views.NodeDeleteView.as_view(), name="node-delete"),
    path("tree/<int:pk>/link/new/", views.LinkCreateView.as_view(), name="link-create"),
    path("link/<int:pk>/delete/", views.LinkDeleteView.as_view(), name="link-delete"),
    path("tree/<int:pk>/publish/", views.PicturePublishView.as_view(), name="picture-publish"),
    *_exports("tree", views.TreeExportView),
    path("pictures/", views.PictureListView.as_view(), name="picture-list"),
    path("picture/<int:pk>/", views.PictureDetailView.as_view(), name="picture-detail"),
    *_exports("picture", views.PictureExportView),
    path("round/new/", views.RoundCreateView.as_view(), name="round-create"),
    path("round/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("round/<int:pk>/edit/", views.RoundUpdateView.as_view(), name="round-update"),
    path("round/<int:pk>/open/", views.RoundOpenView.as_view(), name="round-open"),
    path("round/<int:pk>/position/", views.PositionTakeView.as_view(), name="position-take"),
    path("round/<int:pk>/reveal/", views.RoundRevealView.as_view(), name="round-reveal"),
    path("round/<int:pk>/close/", views.RoundCloseView.as_view(), name="round-close"),
    path("round/<int:pk>/again/", views.RoundRepollView.as_view(), name="round-repoll"),
    path("awayday/new/", views.AwaydayCreateView.as_view(), name="awayday-create"),
    path("awayday/<int:pk>/", views.AwaydayDetailView.as_view(), name="awayday-detail"),
    path("awayday/<int:pk>/edit/", views.AwaydayUpdateView.as_view(), name="awayday-update"),
    path("awayday/<int:pk>/delete/", views.AwaydayDeleteView.as_view(), name="awayday-delete"),
]
