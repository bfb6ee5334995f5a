"""Confidential listening pages. Each view parses, calls one selector or service, and renders.

Every record is fetched through ``traction.core.policy``: a listening record is visible to its exercise's
facilitators only, so anyone else (partnership admins and site staff included) gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core.downloads import csv_response
from traction.core.forms import form_submit
from traction.core.views import PartnershipView, forbidden
from traction.listening import names as name_tools
from traction.listening import selectors, services
from traction.listening.forms import (
    AcceptForm,
    ExerciseForm,
    HighlightForm,
    HighlightThemesForm,
    MergeForm,
    NamesForm,
    NoteForm,
    ThemeForm,
)
from traction.listening.models import Highlight, ListeningExercise, ListeningNote, Theme

FORM_TEMPLATE = "listening/form.html"


class ListeningView(PartnershipView):
    form_template = FORM_TEMPLATE  # can carry the confidentiality notice

    def crumbs(self, *trail: tuple[str, str]) -> list[tuple[str, str]]:
        return [("Listening", self.url("exercise-list")), *trail]

    def exercise_crumb(self, exercise: ListeningExercise) -> tuple[str, str]:
        return (exercise.title, self.url("exercise-detail", pk=exercise.pk))


# --- exercises ----------------------------------------------------------------------------------------------


class ExerciseListView(ListeningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        if not self.allowed("view", "listeningexercise"):
            return forbidden(request)
        exercises = selectors.exercises_for(user=request.user, partnership=self.partnership)
        return self.render(
            "listening/exercise_list.html",
            {"exercises": exercises, "title": "Listening", "breadcrumbs": [("Listening", "")]},
        )


class ExerciseCreateView(ListeningView):
    title = "Start a listening exercise"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("add", "listeningexercise")
        form = ExerciseForm(partnership=self.partnership, initial={"facilitators": [request.user]})
        return self.form_page(
            form, title=self.title, breadcrumbs=self.crumbs(), submit_label="Start the exercise"
        )

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("add", "listeningexercise")
        form = ExerciseForm(request.POST, partnership=self.partnership)
        exercise = form_submit(
            form, lambda d: services.exercise_create(actor=request.user, partnership=self.partnership, **d)
        )
        if exercise is None:
            return self.form_page(
                form, title=self.title, breadcrumbs=self.crumbs(), submit_label="Start the exercise"
            )
        messages.success(request, "Listening exercise started.")
        return redirect(self.url("exercise-detail", pk=exercise.pk))


class ExerciseDetailView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk)
        return self.render(
            "listening/exercise_detail.html",
            {
                "exercise": exercise,
                "notes": selectors.notes_of(exercise=exercise),
                "facilitators": exercise.facilitators.order_by("username"),
                "theme_count": exercise.themes.count(),
                "title": exercise.title,
                "breadcrumbs": self.crumbs((exercise.title, "")),
            },
        )


class ExerciseUpdateView(ListeningView):
    def page(self, exercise: ListeningExercise, form: ExerciseForm) -> HttpResponse:
        return self.form_page(
            form,
            title="Edit the exercise",
            breadcrumbs=self.crumbs(self.exercise_crumb(exercise)),
            submit_label="Save",
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        return self.page(
            exercise, ExerciseForm(partnership=self.partnership, initial=ExerciseForm.initial_for(exercise))
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        form = ExerciseForm(request.POST, partnership=self.partnership)
        if form_submit(form, lambda d: services.exercise_update(actor=request.user, exercise=exercise, **d)):
            messages.success(request, "Exercise saved.")
            return redirect(self.url("exercise-detail", pk=exercise.pk))
        return self.page(exercise, form)


# --- notes --------------------------------------------------------------------------------------------------


class NoteCreateView(ListeningView):
    def page(self, exercise: ListeningExercise, form: NoteForm) -> HttpResponse:
        return self.form_page(
            form,
            title="Add a conversation",
            breadcrumbs=self.crumbs(self.exercise_crumb(exercise)),
            submit_label="Save the note",
            confidential=True,
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        return self.page(exercise, NoteForm(partnership=self.partnership))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        form = NoteForm(request.POST, partnership=self.partnership)
        note = form_submit(form, lambda d: services.note_create(actor=request.user, exercise=exercise, **d))
        if note is None:
            return self.page(exercise, form)
        messages.success(request, "Note saved.")
        if not note.names_reviewed:
            return redirect(self.url("note-names", pk=note.pk))
        return redirect(self.url("note-detail", pk=note.pk))


class NoteDetailView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        words = selectors.note_words(user=request.user, partnership=self.partnership, pk=pk)
        note, exercise = words.note, words.note.exercise
        return self.render(
            "listening/note_detail.html",
            {
                "note": note,
                "words": words,
                "exercise": exercise,
                "sections": words.sections,
                "highlights": words.highlights,
                "themes": exercise.themes.all(),
                "title": str(note),
                "breadcrumbs": self.crumbs(self.exercise_crumb(exercise), (str(note), "")),
            },
        )


class NoteUpdateView(ListeningView):
    def page(self, note: ListeningNote, form: NoteForm) -> HttpResponse:
        return self.form_page(
            form,
            title=f"Edit {note}",
            breadcrumbs=self.crumbs(
                self.exercise_crumb(note.exercise), (str(note), self.url("note-detail", pk=note.pk))
            ),
            submit_label="Save the note",
            confidential=True,
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        words = selectors.note_words(user=request.user, partnership=self.partnership, pk=pk, action="change")
        return self.page(
            words.note, NoteForm(partnership=self.partnership, initial=NoteForm.initial_for(words))
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(ListeningNote, pk, "change")
        form = NoteForm(request.POST, partnership=self.partnership)
        if form_submit(form, lambda d: services.note_update(actor=request.user, note=note, **d)):
            messages.success(request, "Note saved.")
            if not note.names_reviewed:
                return redirect(self.url("note-names", pk=note.pk))
            return redirect(self.url("note-detail", pk=note.pk))
        return self.page(self.get_permitted(ListeningNote, pk, "change"), form)


class NoteDeleteView(ListeningView):
    def page(self, note: ListeningNote) -> HttpResponse:
        return self.render(
            "core/record_delete.html",
            {
                "record": note,
                "noun": "conversation",
                "title": f"Delete {note}",
                "cancel_url": self.url("note-detail", pk=note.pk),
                "warning": "The note, its highlights and their links to themes are deleted for good. "
                "The audit trail keeps only that it was deleted.",
                "breadcrumbs": self.crumbs(self.exercise_crumb(note.exercise), (f"Delete {note}", "")),
            },
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self.page(self.get_permitted(ListeningNote, pk, "delete"))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(ListeningNote, pk, "delete")
        exercise_pk = note.exercise_id
        services.note_delete(actor=request.user, note=note)
        messages.success(request, "Conversation deleted.")
        return redirect(self.url("exercise-detail", pk=exercise_pk))


class NoteNamesView(ListeningView):
    def page(self, words: selectors.NoteWords, form: NamesForm) -> HttpResponse:
        note = words.note
        return self.form_page(
            form,
            title="Names in this note",
            breadcrumbs=self.crumbs(
                self.exercise_crumb(note.exercise), (str(note), self.url("note-detail", pk=note.pk))
            ),
            submit_label="Replace the ticked names",
            template="listening/note_names.html",
            found=words.names,
            note=note,
        )

    def words(self, pk: object) -> selectors.NoteWords:
        """The page lists the names found in the note's words: reading them is recorded."""
        return selectors.note_words(
            user=self.request.user, partnership=self.partnership, pk=pk, action="change"
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        words = self.words(pk)
        return self.page(words, NamesForm(found=words.names))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(ListeningNote, pk, "change")
        form = NamesForm(request.POST, found=name_tools.names_in(note=note))
        if form_submit(
            form, lambda d: services.note_replace_names(actor=request.user, note=note, names=d["names"])
        ):
            messages.success(request, "Names reviewed. The note can now be coded.")
            return redirect(self.url("note-detail", pk=note.pk))
        return self.page(self.words(pk), form)


# --- highlights ---------------------------------------------------------------------------------------------


class HighlightCreateView(ListeningView):
    def page(self, note: ListeningNote, form: HighlightForm) -> HttpResponse:
        # The form is shown beside the note's words.
        words = selectors.note_words(
            user=self.request.user, partnership=self.partnership, pk=note.pk, action="change"
        )
        return self.form_page(
            form,
            title="Highlight words",
            breadcrumbs=self.crumbs(
                self.exercise_crumb(note.exercise), (str(note), self.url("note-detail", pk=note.pk))
            ),
            submit_label="Save the highlight",
            template="listening/highlight_form.html",
            note=note,
            sections=words.sections,
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(ListeningNote, pk, "change")
        self.require_write(Highlight, "add")
        return self.page(note, HighlightForm(note=note, initial={"field": request.GET.get("field", "facts")}))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(ListeningNote, pk, "change")
        form = HighlightForm(request.POST, note=note)
        if form_submit(form, lambda d: services.highlight_create(actor=request.user, note=note, **d)):
            messages.success(request, "Highlight saved.")
            return redirect(self.url("note-detail", pk=note.pk))
        return self.page(note, form)


class HighlightDeleteView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        highlight = self.get_permitted(Highlight, pk, "delete")
        words = selectors.note_words(user=request.user, partnership=self.partnership, pk=highlight.note_id)
        return self.render(
            "core/record_delete.html",
            {
                "record": highlight,
                "noun": "highlight",
                "title": "Delete highlight",
                "snippet": words.text_of(highlight.field)[highlight.start : highlight.end],
                "cancel_url": self.url("note-detail", pk=highlight.note_id),
                "warning": "The words stay in the note; only the highlight and its theme links go.",
                "breadcrumbs": self.crumbs(
                    self.exercise_crumb(highlight.note.exercise), ("Delete highlight", "")
                ),
            },
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        highlight = self.get_permitted(Highlight, pk, "delete")
        note_pk = highlight.note_id
        services.highlight_delete(actor=request.user, highlight=highlight)
        messages.success(request, "Highlight deleted.")
        return redirect(self.url("note-detail", pk=note_pk))


THEME_GIVEN = "“{theme}” given to {n} highlight{s}."
THEME_TAKEN = "“{theme}” taken from {n} highlight{s}."
THEMES_NOT_CHANGED = "The themes were not changed: {reasons}"


class HighlightThemesView(ListeningView):
    """POST only, from the conversation's page: a theme given to (or taken from) the ticked highlights,
    themes made after the highlights included; back to the conversation with what changed, or why
    nothing did."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return redirect(self.url("note-detail", pk=self.get_permitted(ListeningNote, pk, "change").pk))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(ListeningNote, pk, "change")
        form = HighlightThemesForm(request.POST, note=note)
        changed = form_submit(
            form,
            lambda d: services.highlights_theme_change(
                actor=request.user,
                note=note,
                highlights=list(d["highlights"]),
                theme=d["theme"],
                add=d["change"] == "add",
            ),
        )
        if changed is None:
            reasons = " ".join(str(e) for errors in form.errors.values() for e in errors)
            messages.error(request, THEMES_NOT_CHANGED.format(reasons=reasons))
        else:
            done = THEME_GIVEN if form.cleaned_data["change"] == "add" else THEME_TAKEN
            theme = form.cleaned_data["theme"]
            messages.success(request, done.format(theme=theme.name, n=changed, s="" if changed == 1 else "s"))
        return redirect(self.url("note-detail", pk=note.pk) + "#highlights")


# --- themes -------------------------------------------------------------------------------------------------


class ThemeListView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk)
        return self.render(
            "listening/theme_list.html",
            {
                "exercise": exercise,
                "rows": selectors.theme_tree(exercise=exercise),
                "title": "Themes",
                "breadcrumbs": self.crumbs(self.exercise_crumb(exercise), ("Themes", "")),
            },
        )


class ThemeCreateView(ListeningView):
    def page(self, exercise: ListeningExercise, form: ThemeForm) -> HttpResponse:
        return self.form_page(
            form,
            title="Add a theme",
            breadcrumbs=self.crumbs(
                self.exercise_crumb(exercise), ("Themes", self.url("theme-list", pk=exercise.pk))
            ),
            submit_label="Add",
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        self.require("add", "theme")
        return self.page(exercise, ThemeForm(exercise=exercise))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        form = ThemeForm(request.POST, exercise=exercise)
        if form_submit(form, lambda d: services.theme_create(actor=request.user, exercise=exercise, **d)):
            messages.success(request, "Theme added.")
            return redirect(self.url("theme-list", pk=exercise.pk))
        return self.page(exercise, form)


class ThemeUpdateView(ListeningView):
    def page(self, theme: Theme, form: ThemeForm) -> HttpResponse:
        return self.form_page(
            form,
            title=f"Edit {theme.name}",
            breadcrumbs=self.crumbs(
                self.exercise_crumb(theme.exercise), ("Themes", self.url("theme-list", pk=theme.exercise_id))
            ),
            submit_label="Save",
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        theme = self.get_permitted(Theme, pk, "change")
        return self.page(
            theme,
            ThemeForm(
                exercise=theme.exercise,
                theme=theme,
                initial={"name": theme.name, "description": theme.description, "parent": theme.parent},
            ),
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        theme = self.get_permitted(Theme, pk, "change")
        form = ThemeForm(request.POST, exercise=theme.exercise, theme=theme)
        if form_submit(form, lambda d: services.theme_update(actor=request.user, theme=theme, **d)):
            messages.success(request, "Theme saved.")
            return redirect(self.url("theme-list", pk=theme.exercise_id))
        return self.page(self.get_permitted(Theme, pk, "change"), form)


class ThemeMergeView(ListeningView):
    def page(self, theme: Theme, form: MergeForm) -> HttpResponse:
        return self.form_page(
            form,
            title=f"Merge {theme.name}",
            breadcrumbs=self.crumbs(
                self.exercise_crumb(theme.exercise), ("Themes", self.url("theme-list", pk=theme.exercise_id))
            ),
            submit_label="Merge",
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        theme = self.get_permitted(Theme, pk, "change")
        return self.page(theme, MergeForm(theme=theme))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        theme = self.get_permitted(Theme, pk, "change")
        form = MergeForm(request.POST, theme=theme)
        if form_submit(
            form, lambda d: services.theme_merge(actor=request.user, source=theme, target=d["target"])
        ):
            messages.success(request, "Themes merged.")
            return redirect(self.url("theme-list", pk=theme.exercise_id))
        return self.page(theme, form)


class ThemeSuggestionsView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk)
        return self.render(
            "listening/theme_suggestions.html",
            {
                "exercise": exercise,
                "page": services.suggestions_read(actor=request.user, exercise=exercise),
                "title": "Suggested themes",
                "error": "",
                "breadcrumbs": self.crumbs(self.exercise_crumb(exercise), ("Suggested themes", "")),
            },
        )


class ThemeAcceptView(ListeningView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk, "change")
        self.require("add", "theme")
        form = AcceptForm(request.POST)
        theme = form_submit(
            form, lambda d: services.suggestion_accept(actor=request.user, exercise=exercise, **d)
        )
        if theme is None:
            errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
            messages.error(request, errors or "The suggestion could not be accepted.")
            return redirect(self.url("theme-suggestions", pk=exercise.pk))
        messages.success(request, f"“{theme.name}” is now a theme.")
        return redirect(self.url("theme-list", pk=exercise.pk))


class CodebookExportView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk)
        rows = services.codebook_export(actor=request.user, exercise=exercise)
        # A theme named like a formula ("=HYPERLINK(…)") must not run when the file is opened in a
        # spreadsheet.
        return csv_response(rows, filename=f"codebook-{exercise.pk}.csv")


class NameTokenListView(ListeningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(ListeningExercise, pk)
        tokens = services.name_key_read(actor=request.user, exercise=exercise)
        return self.render(
            "listening/nametoken_list.html",
            {
                "exercise": exercise,
                "tokens": tokens,
                "title": "Key to the name tokens",
                "breadcrumbs": self.crumbs(self.exercise_crumb(exercise), ("Name key", "")),
            },
        )
