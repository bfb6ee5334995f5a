"""The URLs of action learning sets."""

from django.urls import URLPattern, path

from ..views import learningsets as views

urlpatterns: list[URLPattern] = [
    path("learning-sets/", views.SetListView.as_view(), name="set-list"),
    path("learning-sets/new/", views.SetCreateView.as_view(), name="set-create"),
    path("learning-sets/<int:pk>/", views.SetDetailView.as_view(), name="set-detail"),
    path("learning-sets/<int:pk>/edit/", views.SetUpdateView.as_view(), name="set-update"),
    path("learning-sets/<int:pk>/delete/", views.SetDeleteView.as_view(), name="set-delete"),
    path("learning-sets/<int:pk>/members/add/", views.MemberAddView.as_view(), name="set-member-add"),
    path(
        "learning-sets/members/<int:pk>/remove/", views.MemberRemoveView.as_view(), name="set-member-remove"
    ),
    path(
        "learning-sets/<int:pk>/meetings/new/", views.MeetingCreateView.as_view(), name="set-meeting-create"
    ),
    path("learning-sets/meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="set-meeting-detail"),
    path("learning-sets/<int:pk>/notes/", views.NoteListView.as_view(), name="set-note-list"),
    path("learning-sets/<int:pk>/notes/new/", views.NoteCreateView.as_view(), name="set-note-create"),
    path("learning-sets/notes/<int:pk>/edit/", views.NoteUpdateView.as_view(), name="set-note-update"),
    path("learning-sets/notes/<int:pk>/delete/", views.NoteDeleteView.as_view(), name="set-note-delete"),
]
