"""Downloads and the printable board report. Each view parses the period and the format, calls the same
selectors as the pages, and hands the rows to ``exports`` or the report template to ``pdf``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from traction.core import policy
from traction.diagnosis import exports
from traction.diagnosis.exports import FORMAT_UNKNOWN, FORMATS, Table
from traction.diagnosis.pdf import render_pdf
from traction.diagnosis.periods import PeriodChoice, period_choice
from traction.diagnosis.selectors import body_profile, overview
from traction.diagnosis.thresholds import diagnosis_settings_for
from traction.diagnosis.views import DiagnosisView
from traction.governance.models import Action, Body
from traction.governance.selectors import ACTION_VIEWS

ACTION_VIEW_UNKNOWN = "Choose one of the action log's views: " + ", ".join(ACTION_VIEWS) + "."
CANNOT_DOWNLOAD = "Nothing to download"


class DownloadView(DiagnosisView):
    def fmt(self) -> str | None:
        fmt = self.request.GET.get("format", "csv")
        return fmt if fmt in FORMATS else None

    def refuse(self, *messages: str) -> HttpResponse:
        """A 400 page that says what to fix (a download has no form to show the errors on)."""
        return render(
            self.request,
            "core/error.html",
            {"title": CANNOT_DOWNLOAD, "message": " ".join(messages)},
            status=400,
        )

    def period_or_refusal(self) -> PeriodChoice | HttpResponse:
        """The period asked for, or a 400 page naming what is wrong with it or with the format."""
        form, choice = period_choice(self.request.GET, today=self.today())
        errors = [str(e) for errors in form.errors.values() for e in errors] if choice is None else []
        errors += [] if self.fmt() else [FORMAT_UNKNOWN]
        return self.refuse(*errors) if errors or choice is None else choice

    def about(self, choice: PeriodChoice, *first: tuple[str, Any]) -> list[tuple[str, Any]]:
        found = diagnosis_settings_for(user=self.request.user, partnership=self.partnership)
        return [
            ("Partnership", self.partnership.name),
            *first,
            ("Period", choice.label),
            ("As of", self.today()),
            *exports.thresholds_about(found),
        ]


class OverviewExportView(DownloadView):
    """Every body × every signal for the period, as on the overview."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        choice = self.period_or_refusal()
        if isinstance(choice, HttpResponse):
            return choice
        rows = overview(
            user=request.user,
            partnership=self.partnership,
            choice=choice,
            as_of=self.today(),
            sort="name",
            descending=False,
            params=self.params(),
        )
        table = Table(
            "Signals",
            exports.SIGNAL_COLUMNS,
            [
                line
                for row in rows
                for line in exports.signal_rows(row.body.name, choice.period, self.today(), row.cells)
            ],
            self.about(choice),
        )
        period = choice.period
        name = exports.filename(
            self.partnership,
            "signals",
            period.start,
            period.end - exports.ONE_DAY,
            extension=self.fmt() or "csv",
        )
        return exports.download(table, fmt=self.fmt() or "csv", name=name)


class BodyExportView(DownloadView):
    """One body's signals for the period and each period before it, as on its profile."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = self.body(pk)
        choice = self.period_or_refusal()
        if isinstance(choice, HttpResponse):
            return choice
        profile = body_profile(
            user=request.user,
            partnership=self.partnership,
            pk=body.pk,
            choice=choice,
            as_of=self.today(),
            params=self.params(),
        )
        rows = [
            line
            for index, period in enumerate(choice.periods)
            for line in exports.signal_rows(
                body.name, period, self.today(), (row.history[index] for row in profile.rows)
            )
        ]
        table = Table("Signals", exports.SIGNAL_COLUMNS, rows, self.about(choice, ("Body", body.name)))
        period = choice.period
        name = exports.filename(
            self.partnership,
            body.name,
            "signals",
            period.start,
            period.end - exports.ONE_DAY,
            extension=self.fmt() or "csv",
        )
        return exports.download(table, fmt=self.fmt() or "csv", name=name)


class ActionExportView(DownloadView):
    """The action log: every action the user may see, or one view of it (``view``) and one body (``body``)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", policy.object_type_of(Action))
        view = request.GET.get("view", "all")
        body = self.body(request.GET["body"]) if request.GET.get("body") else None
        errors = ([] if view in ACTION_VIEWS else [ACTION_VIEW_UNKNOWN]) + (
            [] if self.fmt() else [FORMAT_UNKNOWN]
        )
        if errors:
            return self.refuse(*errors)
        fmt = self.fmt() or "csv"
        actions = exports.action_log(
            user=request.user, partnership=self.partnership, today=self.today(), view=view, body=body
        )
        about = [
            ("Partnership", self.partnership.name),
            ("Actions", ACTION_VIEWS[view]),
            ("Body", body.name if body else "Every body"),
            ("As of", self.today()),
            (
                "Days overdue",
                "Open actions past their due date: days since it. Actions done late: days "
                "late. Otherwise blank.",
            ),
        ]
        table = Table("Action log", exports.ACTION_COLUMNS, exports.action_rows(actions), about)
        name = exports.filename(
            self.partnership, "actions", view, body.name if body else "", self.today(), extension=fmt
        )
        return exports.download(table, fmt=fmt, name=name)


class BodyReportView(DiagnosisView):
    """A body's signals, findings and experiments for one period, laid out to print (and as a PDF)."""

    template = "diagnosis/body_report.html"

    def context(self, body: Body) -> tuple[dict[str, Any], bool]:
        form, choice, profile = self.profile(body)
        return {
            "form": form,
            "choice": choice,
            "profile": profile,
            "body": body,
            "period_note": self.period_note(choice, body),
            "as_of": self.today(),
            "title": f"Board report: {body.name}",
            "breadcrumbs": self.crumbs((body.name, self.profile_url(body, choice)), ("Board report", "")),
        }, choice is not None

    def profile_url(self, body: Body, choice: PeriodChoice | None) -> str:
        url = self.url("body-profile", pk=body.pk)
        return f"{url}?{choice.query}" if choice else url

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        context, valid = self.context(self.body(pk))
        return self.render(self.template, context, status=200 if valid else 400)


class BodyReportPdfView(BodyReportView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = self.body(pk)
        context, valid = self.context(body)
        if not valid:
            return self.render(BodyReportView.template, context, status=400)
        html = render_to_string(
            "diagnosis/body_report_document.html",
            {"partnership": self.partnership, **context},
            request=request,
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        period = context["choice"].period
        name = exports.filename(
            self.partnership,
            body.name,
            "board-report",
            period.start,
            period.end - exports.ONE_DAY,
            extension="pdf",
        )
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        return response
