"""Papers: upload to a meeting, list, download as an attachment, delete."""
from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from traction.core import policy, services
from traction.core.uploads import CONTENT_TYPES, extension_of
from traction.governance import selectors
from traction.governance.forms import PaperForm
from traction.governance.models import Meeting, Paper
from traction.governance.views.base import FormPageView, GovernanceView, RecordDeleteView, paginate

# A downloaded paper is never rendered by the browser as part of this site.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


class PaperListView(GovernanceView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = paginate(request, selectors.paper_list_for(user=request.user, partnership=self.partnership))
        return self.render("governance/paper_list.html", {
            "papers": page.object_list, "page_obj": page, "title": "Papers",
            "breadcrumbs": [self.home_crumb(), ("Papers", "")]})


class PaperCreateView(FormPageView):
    """Upload a paper to a meeting (the URL's pk is the meeting)."""

    model = Paper
    form_class = PaperForm
    success_message = "Paper added."
    submit_label = "Upload paper"

    def load(self) -> None:
        self.meeting = self.get_permitted(Meeting, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": Paper(partnership=self.partnership, meeting=self.meeting)}

    def title(self) -> str:
        return f"Add a paper to {self.meeting}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Meetings", self.url("meeting-list")),
                self.meeting_crumb(self.meeting)]

    def perform(self, form: Any) -> Any:
        return services.record_create(actor=self.request.user, partnership=self.partnership, model=Paper,
                                      data=form.service_data(self.meeting))

    def success_url(self, result: Any) -> str:
        return self.url("meeting-detail", pk=self.meeting.pk) + "#papers"


class PaperDownloadView(GovernanceView):
    """The file, after the permission check, as a download that cannot run in this site's origin."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        paper = self.get_permitted(Paper, pk)
        if not paper.file:
            raise Http404(policy.NOT_FOUND)
        try:
            handle = paper.file.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404(policy.NOT_FOUND) from exc
        extension = extension_of(paper.file.name)
        content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
        response = FileResponse(handle, as_attachment=True,
                                filename=paper.original_filename or f"paper-{paper.pk}{extension}",
                                content_type="application/octet-stream" if content_type == "text/html"
                                else content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = DOWNLOAD_CSP
        return response


class PaperDeleteView(RecordDeleteView):
    model = Paper
    list_url_name = "paper-list"
