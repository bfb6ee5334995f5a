"""Confidential listening pages, under /p/<slug>/listening/. Patterns take only the slug and integer pks."""

from django.urls import path

from traction.listening import views

app_name = "listening"
urlpatterns = [
    path("", views.ExerciseListView.as_view(), name="exercise-list"),
    path("new/", views.ExerciseCreateView.as_view(), name="exercise-create"),
    path("<int:pk>/", views.ExerciseDetailView.as_view(), name="exercise-detail"),
    path("<int:pk>/edit/", views.ExerciseUpdateView.as_view(), name="exercise-update"),
    path("<int:pk>/notes/new/", views.NoteCreateView.as_view(), name="note-create"),
    path("<int:pk>/themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("<int:pk>/themes/new/", views.ThemeCreateView.as_view(), name="theme-create"),
    path("<int:pk>/themes/suggested/", views.ThemeSuggestionsView.as_view(), name="theme-suggestions"),
    path("<int:pk>/themes/suggested/accept/", views.ThemeAcceptView.as_view(), name="theme-accept"),
    path("<int:pk>/codebook.csv", views.CodebookExportView.as_view(), name="codebook-export"),
    path("<int:pk>/name-key/", views.NameTokenListView.as_view(), name="nametoken-list"),
    path("notes/<int:pk>/", views.NoteDetailView.as_view(), name="note-detail"),
    path("notes/<int:pk>/edit/", views.NoteUpdateView.as_view(), name="note-update"),
    path("notes/<int:pk>/delete/", views.NoteDeleteView.as_view(), name="note-delete"),
    path("notes/<int:pk>/names/", views.NoteNamesView.as_view(), name="note-names"),
    path("notes/<int:pk>/highlights/new/", views.HighlightCreateView.as_view(), name="highlight-create"),
    path("notes/<int:pk>/highlights/themes/", views.HighlightThemesView.as_view(), name="highlight-themes"),
    path("highlights/<int:pk>/delete/", views.HighlightDeleteView.as_view(), name="highlight-delete"),
    path("themes/<int:pk>/edit/", views.ThemeUpdateView.as_view(), name="theme-update"),
    path("themes/<int:pk>/merge/", views.ThemeMergeView.as_view(), name="theme-merge"),
]
