"""Pages for uploading documents and reviewing what was extracted from them. Views parse, call, render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect

from traction.core import policy
from traction.core.downloads import attachment
from traction.core.forms import form_submit
from traction.core.htmx import HtmxHttpRequest
from traction.core.ids import parse_ids
from traction.core.uploads import download_response
from traction.core.views import PartnershipView, paginate
from traction.governance.models import Body, Meeting
from traction.intake import selectors
from traction.intake.forms import MeetingChoiceForm, ProposalForm, SplitForm, UploadForm
from traction.intake.labels import review_labels
from traction.intake.models import DocumentStatus, Proposal, ProposalStatus, Review, SourceDocument
from traction.intake.services import decisions
from traction.intake.services.documents import document_retry, documents_upload
from traction_analysis.extract.proposed import ProposedItemError

UPLOADED = "{count} file{s} uploaded. {what}"
UPLOADED_MINUTES = "Minutes are read in the background; their proposals appear in the review queue."
UPLOADED_PAPERS = "Papers are read in the background."
DECIDED = {
    "accept": "{count} accepted into the record.",
    "reject": "{count} rejected.",
    "merge": "Merged into one proposal: review it below.",
}
UNKNOWN_DECISION = "Choose accept, reject or merge."
PENDING = frozenset({DocumentStatus.QUEUED, DocumentStatus.EXTRACTING})  # rows that poll for their status
MEETING_SET = "Meeting set. The proposals were matched to its agenda items."
DRAFT_SAVED = "Corrections to “{proposal}” saved as a draft: accept it when ready."


class IntakeView(PartnershipView):
    def crumbs(self, *extra: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), *extra]


# --- documents -------------------------------------------------------------------------------------------


class DocumentUploadView(IntakeView):
    """Upload minutes or papers to a body (``meeting`` False) or to one of its meetings."""

    to_meeting = False

    def load(self, pk: int) -> None:
        if self.to_meeting:
            self.meeting: Meeting | None = self.get_permitted(Meeting, pk)
            self.body: Body = self.meeting.body
        else:
            self.meeting, self.body = None, self.get_permitted(Body, pk)
        self.require("add", "sourcedocument")

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.load(pk)
        return self.page(UploadForm(body=self.body, meeting=self.meeting))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.load(pk)
        form = UploadForm(request.POST, request.FILES, body=self.body, meeting=self.meeting)
        stored = form_submit(
            form,
            lambda data: documents_upload(
                user=request.user,
                partnership=self.partnership,
                body=self.body,
                meeting=self.meeting or data.get("meeting"),
                kind=data["kind"],
                uploads=data["files"],
            ),
        )
        if stored is None:
            return self.page(form)
        minutes = form.cleaned_data["kind"] == "minutes"
        messages.success(
            request,
            UPLOADED.format(
                count=len(stored),
                s="" if len(stored) == 1 else "s",
                what=UPLOADED_MINUTES if minutes else UPLOADED_PAPERS,
            ),
        )
        return redirect(self.url("document-list") + f"?body={self.body.pk}")

    def page(self, form: UploadForm, status: int = 200) -> HttpResponse:
        target = str(self.meeting) if self.meeting else self.body.name
        back = (
            self.url("governance:meeting-detail", pk=self.meeting.pk)
            if self.meeting
            else self.url("governance:body-detail", pk=self.body.pk)
        )
        title = f"Upload minutes or papers: {target}"
        return self.render(
            "intake/document_upload.html",
            {
                "form": form,
                "title": title,
                "target": target,
                "cancel_url": back,
                "breadcrumbs": self.crumbs((target, back), ("Upload", "")),
            },
            status=status,
        )


class DocumentListView(IntakeView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "sourcedocument")
        documents = selectors.document_list_for(
            user=request.user, partnership=self.partnership, body=request.GET.get("body")
        )
        page = paginate(request, documents)
        return self.render(
            "intake/document_list.html",
            {
                "documents": page.object_list,
                "page_obj": page,
                "pending": PENDING,
                "title": "Uploaded documents",
                "breadcrumbs": self.crumbs(("Uploaded documents", "")),
            },
        )


class DocumentStatusView(IntakeView):
    """One row of the documents list, which a row still being read polls for. ``seen`` is the status and
    counts the row shows (``progress_key``): while they are still the document's, an htmx poll gets 204
    (nothing to swap, nothing to announce, and the row keeps its focus); new counts are swapped in
    silently; once the status changed, the new row carries the words to announce."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.require("view", "sourcedocument")
        document = selectors.document_row_for(user=request.user, partnership=self.partnership, pk=pk)
        if document is None:
            raise Http404(policy.NOT_FOUND)
        seen = request.GET.get("seen", "")
        if seen == document.progress_key and getattr(request, "htmx", False):
            return HttpResponse(status=204)
        changed = bool(seen) and seen.split(".")[0] != document.status
        announce = f"{document.original_filename}: {document.get_status_display()}" if changed else ""
        return self.render(
            "intake/_document_row.html",
            {"document": document, "announce": announce, "pending": PENDING},
        )


class DocumentDetailView(IntakeView):
    partial_template = "intake/_document_status.html"  # the status the page polls for while it is read

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        document = self.get_permitted(SourceDocument, pk)
        reviews = list(document.reviews.all()) if self.allowed("view", "review") else []
        context = {
            "document": document,
            "reviews": reviews,
            "title": document.original_filename,
            "waiting": document.status in {DocumentStatus.QUEUED, DocumentStatus.EXTRACTING},
            "breadcrumbs": self.crumbs(
                ("Uploaded documents", self.url("document-list")), (document.original_filename, "")
            ),
        }
        return self.render("intake/document_detail.html", context)


class DocumentDownloadView(IntakeView):
    """The file, after the permission check, as a download that cannot run in this site's origin."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> FileResponse:
        document = self.get_permitted(SourceDocument, pk)
        return download_response(document.file, filename=document.original_filename)


class DocumentRetryView(IntakeView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        document = self.get_permitted(SourceDocument, pk)
        try:
            document_retry(user=request.user, document=document)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The document is queued to be read again.")
        return redirect(self.url("document-detail", pk=document.pk))


# --- reviews --------------------------------------------------------------------------------------------


class ReviewListView(IntakeView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "review")
        status = request.GET.get("status") or "pending"
        page = paginate(
            request, selectors.review_list_for(user=request.user, partnership=self.partnership, status=status)
        )
        return self.render(
            "intake/review_list.html",
            {
                "reviews": page.object_list,
                "page_obj": page,
                "status": status,
                "title": "Review queue",
                "breadcrumbs": self.crumbs(("Review queue", "")),
            },
        )


class ReviewScreenView(IntakeView):
    """Renders the review screen: the source text beside the proposals, and the meeting asked for first."""

    def page(
        self,
        review: Review,
        errors: list[tuple[str, str]] | None = None,
        meeting_form: MeetingChoiceForm | None = None,
        notice: str = "",
        status: int = 200,
    ) -> HttpResponse:
        least_certain_first = self.request.GET.get("order") == "certainty"
        screen = selectors.review_screen(review=review, least_certain_first=least_certain_first)
        can_decide = self.allowed("change", "review")
        if meeting_form is None and review.meeting is None and can_decide:
            meeting_form = MeetingChoiceForm(initial=meeting_initial(review), body=review.body)
        return self.render(
            "intake/review_detail.html",
            {
                "review": review,
                **screen,
                "errors": errors or [],
                "meeting_form": meeting_form,
                "notice": notice,
                "title": f"Review: {review.document_title}",
                "least_certain_first": least_certain_first,
                "can_decide": can_decide,
                "breadcrumbs": self.crumbs(
                    ("Review queue", self.url("review-list")), (review.document_title, "")
                ),
            },
            status=status,
        )


def _placed(form: MeetingChoiceForm) -> list[tuple[str, str]]:
    """The form's errors, each with the field it points at (the meeting choice for the form's own)."""
    return [
        (str(error), "#" + (form[name].id_for_label if name in form.fields else "id_meeting"))
        for name, errors in form.errors.items()
        for error in errors
    ]


def meeting_initial(review: Review) -> dict[str, Any]:
    """The meeting offered: the one chosen, else the body's meeting on the date the minutes state, else a
    new one on that date."""
    meeting = review.meeting or selectors.meeting_on_date(review=review)
    return {"meeting": meeting, "date": review.meeting_date}


class ReviewDetailView(ReviewScreenView):
    """The source text beside the proposals; one form decides any selection of them."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.get_permitted(Review, pk)
        return self.page(review)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.get_permitted(Review, pk)
        self.require("change", "review")
        decision, chosen = self.parse(review)
        if decision == "accept" and review.meeting is None:
            return self.meeting_first(review)
        try:
            left_out: list[str] = []
            if decision == "merge":
                left_out = decisions.merge_left_out(chosen)
                decisions.proposals_merge(user=request.user, review=review, proposals=chosen)
                count = 1
            elif decision in {"accept", "reject"}:
                count = decisions.proposals_decide(
                    user=request.user, review=review, proposals=chosen, decision=decision
                )
            else:
                raise ValidationError(UNKNOWN_DECISION)
        except ValidationError as exc:
            return self.page(review, errors=[(m, "#proposals") for m in exc.messages], status=200)
        messages.success(request, DECIDED[decision].format(count=count))
        for note in left_out:
            messages.warning(request, note)
        return redirect(self.url("review-detail", pk=review.pk) + "#proposals")

    def meeting_first(self, review: Review) -> HttpResponse:
        """Accepting before the meeting is known: refused, and the reason shown at the meeting field."""
        initial = meeting_initial(review)
        form = MeetingChoiceForm(
            {"meeting": initial["meeting"].pk if initial["meeting"] else "", "date": initial["date"] or ""},
            body=review.body,
        )
        form.is_valid()
        form.add_error("meeting", decisions.MEETING_FIRST)
        return self.page(review, errors=[(decisions.MEETING_FIRST, "#id_meeting")], meeting_form=form)

    def parse(self, review: Review) -> tuple[str, list[Proposal]]:
        """``decision`` is accept/reject/merge for the ticked ``proposals``, or
        ``accept:PK``/``reject:PK``."""
        decision = self.request.POST.get("decision", "")
        if ":" in decision:
            decision, _, one = decision.partition(":")
            wanted = [one]
        else:
            wanted = self.request.POST.getlist("proposals")
        ids = parse_ids(wanted)
        if ids is None:  # not an id: no such proposal
            raise Http404(policy.NOT_FOUND)
        chosen = selectors.proposals_of(review=review, pks=ids)
        if len(chosen) != len(set(ids)):
            raise Http404(policy.NOT_FOUND)
        return decision, chosen


class ReviewChangeView(IntakeView):
    """A page that changes one review: the review in the URL, and the right to change reviews."""

    def load(self, pk: int) -> Review:
        review = self.get_permitted(Review, pk)
        self.require("change", "review")
        return review


class ReviewMeetingView(ReviewChangeView, ReviewScreenView):
    """Say which meeting a body's minutes record, or create it from the date they state: on its own page,
    or from the form on the review screen (``inline``), which shows the review again, with any refusal."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.load(pk)
        return self.meeting_page(review, MeetingChoiceForm(initial=meeting_initial(review), body=review.body))

    def post(self, request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.load(pk)
        inline = bool(request.POST.get("inline"))
        form = MeetingChoiceForm(request.POST, body=review.body)
        if (
            form_submit(
                form,
                lambda data: decisions.review_set_meeting(
                    user=request.user, review=review, meeting=data["meeting"], start=form.start()
                ),
            )
            is None
        ):
            if inline:
                return self.page(review, errors=_placed(form), meeting_form=form)
            return self.meeting_page(review, form)
        if request.htmx:  # the review screen swapped in place: the confirmation goes with it
            return self.page(review, notice=MEETING_SET)
        messages.success(request, MEETING_SET)
        return redirect(self.url("review-detail", pk=review.pk))

    def meeting_page(self, review: Review, form: MeetingChoiceForm) -> HttpResponse:
        back = self.url("review-detail", pk=review.pk)
        return self.render(
            "intake/review_meeting.html",
            {
                "review": review,
                "form": form,
                "title": "Which meeting do these minutes record?",
                "cancel_url": back,
                "breadcrumbs": self.crumbs(
                    ("Review queue", self.url("review-list")), (review.document_title, back), ("Meeting", "")
                ),
            },
        )


class ReviewAddItemView(ReviewChangeView):
    """Add an item the minutes record but the extractor missed: written at once, counted as missed."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.load(pk)
        return self.page(review, ProposalForm(partnership=self.partnership))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.load(pk)
        form = ProposalForm(request.POST, partnership=self.partnership)
        if (
            form_submit(
                form,
                lambda data: decisions.proposal_add(
                    user=request.user, review=review, values=form.values(), new_people=form.new_people()
                ),
            )
            is None
        ):
            return self.page(review, form)
        messages.success(request, f"“{form.cleaned_data['title']}” added to the record.")
        return redirect(self.url("review-detail", pk=review.pk) + "#proposals")

    def page(self, review: Review, form: ProposalForm) -> HttpResponse:
        back = self.url("review-detail", pk=review.pk)
        return self.render(
            "intake/review_add_item.html",
            {
                "review": review,
                "form": form,
                "title": "Add an item that was missed",
                "cancel_url": back,
                "breadcrumbs": self.crumbs(
                    ("Review queue", self.url("review-list")),
                    (review.document_title, back),
                    ("Add an item", ""),
                ),
            },
        )


class ReviewLabelsView(IntakeView):
    """The accepted items as a gold label file, for measuring the extractor."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.get_permitted(Review, pk)
        body = json.dumps(review_labels(review), ensure_ascii=False, indent=2)
        return attachment(
            body, content_type="application/json; charset=utf-8", filename=f"review-{review.pk}.labels.json"
        )


class ProposalView(IntakeView):
    """A page about one pending proposal. A stored proposal that cannot be read as an item (a row written
    by hand or by an older version) sends the reviewer back to the review with the reason; nothing is
    changed."""

    proposal: Proposal | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except ProposedItemError as exc:
            if self.proposal is None:
                raise
            messages.error(request, str(exc))
            return redirect(self.url("review-detail", pk=self.proposal.review_id))

    def load(self, pk: int) -> Proposal:
        proposal: Proposal = self.get_permitted(Proposal, pk)
        self.require("change", "review")
        if proposal.status != ProposalStatus.PENDING:
            raise Http404(policy.NOT_FOUND)
        self.proposal = proposal
        proposal.item  # noqa: B018 - read now, so an unreadable row is refused before the page is built
        return proposal

    def back(self, proposal: Proposal) -> str:
        return self.url("review-detail", pk=proposal.review_id) + f"#proposal-{proposal.pk}"

    def crumbs_for(self, proposal: Proposal, label: str) -> list[tuple[str, str]]:
        review = proposal.review
        return self.crumbs(
            ("Review queue", self.url("review-list")),
            (review.document_title, self.url("review-detail", pk=review.pk)),
            (label, ""),
        )


class ProposalUpdateView(ProposalView):
    """Correct a proposal, then accept it as corrected, or save the corrections as a draft to accept later."""

    def form(self, proposal: Proposal, data: Any = None) -> ProposalForm:
        return ProposalForm(data, partnership=self.partnership, values=decisions.working_values(proposal))

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        proposal = self.load(pk)
        return self.page(proposal, self.form(proposal))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        proposal = self.load(pk)
        form = self.form(proposal, request.POST)
        draft = request.POST.get("save") == "draft"
        service = decisions.proposal_save_draft if draft else decisions.proposal_accept
        if (
            form_submit(
                form,
                lambda data: service(
                    user=request.user, proposal=proposal, values=form.values(), new_people=form.new_people()
                ),
            )
            is None
        ):
            return self.page(proposal, form)
        done = DRAFT_SAVED if draft else "“{proposal}” accepted into the record."
        messages.success(request, done.format(proposal=proposal))
        return redirect(self.back(proposal))

    def page(self, proposal: Proposal, form: ProposalForm) -> HttpResponse:
        review = proposal.review
        return self.render(
            "intake/proposal_update.html",
            {
                "proposal": proposal,
                "form": form,
                "meeting_first": review.meeting is None,
                "review": review,
                "title": f"Correct and accept: {proposal}",
                "cancel_url": self.back(proposal),
                "breadcrumbs": self.crumbs_for(proposal, "Correct and accept"),
            },
        )


class ProposalSplitView(ProposalView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        proposal = self.load(pk)
        return self.page(proposal, SplitForm(proposal=proposal))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        proposal = self.load(pk)
        form = SplitForm(request.POST, proposal=proposal)
        if (
            form_submit(
                form,
                lambda data: decisions.proposal_split(
                    user=request.user,
                    proposal=proposal,
                    number=data["number"],
                    title=data["title"],
                    move_actions=data.get("move_actions") or [],
                ),
            )
            is None
        ):
            return self.page(proposal, form)
        messages.success(request, f"“{proposal}” split in two: review both below.")
        return redirect(self.url("review-detail", pk=proposal.review_id) + "#proposals")

    def page(self, proposal: Proposal, form: SplitForm) -> HttpResponse:
        return self.render(
            "intake/proposal_split.html",
            {
                "proposal": proposal,
                "form": form,
                "title": f"Split: {proposal}",
                "cancel_url": self.back(proposal),
                "breadcrumbs": self.crumbs_for(proposal, "Split"),
            },
        )
