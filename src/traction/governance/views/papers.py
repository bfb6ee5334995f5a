"""Papers: upload to a meeting, list, download as an attachment, delete."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse

from traction.core.uploads import download_response, extension_of
from traction.core.views import FormPageView, PartnershipView, RecordDeleteView, paginate
from traction.governance import papers, selectors
from traction.governance.forms import PaperForm
from traction.governance.models import Meeting, Paper
from traction.governance.views.meetings import meeting_crumb


class PaperListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = paginate(request, selectors.paper_list_for(user=request.user, partnership=self.partnership))
        return self.render(
            "governance/paper_list.html",
            {
                "papers": page.object_list,
                "page_obj": page,
                "title": "Papers",
                "breadcrumbs": [self.home_crumb(), ("Papers", "")],
            },
        )


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
        return [self.home_crumb(), ("Meetings", self.url("meeting-list")), meeting_crumb(self, self.meeting)]

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return papers.paper_store(
            actor=self.request.user,
            partnership=self.partnership,
            meeting=self.meeting,
            title=data["title"],
            upload=data["file"],
            author_organisation=data.get("author_organisation"),
        ).paper

    def success_url(self, result: Any) -> str:
        return self.url("meeting-detail", pk=self.meeting.pk) + "#papers"


class PaperDownloadView(PartnershipView):
    """The file, after the permission check, as a download that cannot run in this site's origin."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> FileResponse:
        paper = self.get_permitted(Paper, pk)
        return download_response(
            paper.file, filename=paper.original_filename or f"paper-{paper.pk}{extension_of(paper.file.name)}"
        )


class PaperDeleteView(RecordDeleteView):
    model = Paper
    list_url_name = "paper-list"
