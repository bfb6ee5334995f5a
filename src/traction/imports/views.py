"""The import pages: the sites a partnership imports from, choosing committees, running and reading runs.

Views parse, call one service or the client, and render. A site that cannot be read is a message on the
page, never an error page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core.forms import form_submit
from traction.core.views import PartnershipView
from traction.imports import selectors, services
from traction.imports.forms import CommitteesForm, ImportSourceForm, RunForm, committee_value
from traction.imports.models import ImportRun, ImportSource
from traction_analysis.moderngov import Committee, ModernGovError

QUEUED = (
    "Import queued. It runs in the background (the task worker); this page shows its progress as it goes."
)
CANCELLED = "Import cancelled. A run in progress stops after the meeting in hand; what it imported is kept."
CHOSEN = "Committees saved. Run the import when you are ready."
COULD_NOT_LIST = "The committees of {site} could not be listed: {reason}"
# A page load waits for the committee list less long than a background import waits for a meeting.
LIST_TIMEOUT = 30.0


class ImportsView(PartnershipView):
    def source(self, pk: int, action: str = "view") -> ImportSource:
        source: ImportSource = self.get_permitted(ImportSource, pk)
        self.require(action, "importsource")
        return source

    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Imports", self.url("source-list") if more else ""), *more]


class SourceListView(ImportsView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "importsource")
        rows = selectors.importsource_list_for(user=request.user, partnership=self.partnership)
        return self.render(
            "imports/importsource_list.html",
            {"rows": rows, "title": "Imports from ModernGov", "breadcrumbs": self.crumbs()},
        )


class SourceCreateView(ImportsView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("add", "importsource")
        return self.page(ImportSourceForm())

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("add", "importsource")
        form = ImportSourceForm(request.POST)
        source = form_submit(
            form,
            lambda data: services.importsource_create(
                actor=request.user, partnership=self.partnership, site=data["site"]
            ),
        )
        if source is None:
            return self.page(form)
        return redirect(self.url("source-committees", pk=source.pk))

    def page(self, form: ImportSourceForm) -> HttpResponse:
        return self.render(
            "core/record_form.html",
            {
                "form": form,
                "title": "Add a ModernGov site",
                "submit_label": "Add site and choose committees",
                "cancel_url": self.url("source-list"),
                "breadcrumbs": self.crumbs(("Add a site", "")),
            },
        )


class SourceDetailView(ImportsView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        source = self.source(pk)
        return self.render(
            "imports/importsource_detail.html",
            {
                "source": source,
                "runs": source.runs.all()[:50],
                "run_form": RunForm(),
                "since_default": services.default_since(source),
                "title": source.host,
                "breadcrumbs": self.crumbs((source.host, "")),
            },
        )


class SourceCommitteesView(ImportsView):
    """GET lists the site's committees live; POST saves the ticked ones and the period."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        source = self.source(pk, "change")
        available, problem = self.available(source)
        chosen = [committee_value(c) for c in source.committees]
        form = CommitteesForm(
            offered=self.offered(source, available),
            initial={"committees": chosen, "since": source.since, "until": source.until},
        )
        return self.page(source, form, problem)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        source = self.source(pk, "change")
        # The ticked values carry id and title, so saving needs no second call to a slow site.
        posted = [(value, value.partition("|")[2]) for value in request.POST.getlist("committees")]
        form = CommitteesForm(request.POST, offered=self.offered(source, []) + posted)
        if (
            form_submit(
                form,
                lambda data: services.importsource_choose(
                    actor=request.user,
                    source=source,
                    since=data["since"],
                    until=data["until"],
                    committees=[services.parse_committee_choice(value) for value in data["committees"]],
                ),
            )
            is None
        ):
            return self.page(source, form, "")
        messages.success(request, CHOSEN)
        return redirect(self.url("source-detail", pk=source.pk))

    def available(self, source: ImportSource) -> tuple[list[Committee], str]:
        try:
            client = services.client_for(
                source, retries=1, timeout=min(services.politeness().timeout, LIST_TIMEOUT)
            )
            committees = [c for c in client.committees() if not c.deleted]
        except ModernGovError as error:
            return [], COULD_NOT_LIST.format(site=source.site, reason=error)
        except OSError as error:  # e.g. a TLS connection dropped mid-answer, which the client does not wrap
            return [], COULD_NOT_LIST.format(site=source.site, reason=f"the connection failed ({error})")
        return sorted(committees, key=lambda c: (c.expired, c.title.lower())), ""

    @staticmethod
    def offered(source: ImportSource, available: list[Committee]) -> list[tuple[str, str]]:
        choices = {
            committee_value(c): c.title + (" (no longer meets)" if c.expired else "") for c in available
        }
        for chosen in source.committees:  # still shown when the site cannot be reached
            choices.setdefault(committee_value(chosen), str(chosen["title"]))
        return list(choices.items())

    def page(self, source: ImportSource, form: CommitteesForm, problem: str) -> HttpResponse:
        return self.render(
            "imports/importsource_committees.html",
            {
                "source": source,
                "form": form,
                "problem": problem,
                "title": f"Committees at {source.host}",
                "breadcrumbs": self.crumbs(
                    (source.host, self.url("source-detail", pk=source.pk)), ("Committees", "")
                ),
            },
        )


class RunCreateView(ImportsView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        from traction.imports.tasks import run_import

        source = self.source(pk, "change")
        form = RunForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return redirect(self.url("source-detail", pk=source.pk))
        try:
            run = services.importrun_create(
                actor=request.user, source=source, since=form.cleaned_data["since"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("source-detail", pk=source.pk))
        run_import.enqueue(run.pk)
        messages.success(request, QUEUED)
        return redirect(self.url("run-detail", pk=run.pk))


class RunDetailView(ImportsView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        run = self.get_permitted(ImportRun, pk)
        return self.render(
            "imports/importrun_detail.html",
            {
                **self.progress(run),
                "can_cancel": not run.finished and self.allowed("change", "importsource"),
                "title": str(run),
                "breadcrumbs": self.crumbs(
                    (run.source.host, self.url("source-detail", pk=run.source_id)), (f"Run {run.pk}", "")
                ),
            },
        )

    def progress(self, run: ImportRun) -> dict[str, Any]:
        return {
            "run": run,
            "lost": not run.finished and services.lost(ImportRun.objects.filter(pk=run.pk)).exists(),
            "source": run.source,
            "counts": {kind: row for kind, row in run.counts.items() if kind != "notes"},
            "notes": run.counts.get("notes", []),
            "can_review": self.allowed("view", "review"),
            "can_change": self.allowed("change", "importsource"),
        }


class RunProgressView(RunDetailView):
    """The run page's progress, which the page polls while the run is queued or running. ``seen`` is the
    ``progress_key`` the page shows: while it is still the run's, an htmx poll gets 204 (nothing to swap);
    a change of status carries the words to announce."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        run = self.get_permitted(ImportRun, pk)
        seen = request.GET.get("seen", "")
        if seen == run.progress_key and getattr(request, "htmx", False):
            return HttpResponse(status=204)
        changed = bool(seen) and seen.split("-", 1)[0] != run.status
        return self.render(
            "imports/_run_progress.html",
            {**self.progress(run), "announce": f"Import: {run.get_status_display()}" if changed else ""},
        )


class RunCancelView(ImportsView):
    """POST only: cancel a queued or running run (whoever may change the site's imports)."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        run = self.get_permitted(ImportRun, pk)
        self.require("change", "importsource")
        try:
            services.importrun_cancel(actor=request.user, run=run)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, CANCELLED)
        return redirect(self.url("run-detail", pk=run.pk))
