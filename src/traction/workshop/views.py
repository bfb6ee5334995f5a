"""Workshop pages: parse input, call one service or selector, render. Plain forms throughout, so every
step works from the keyboard and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify

from traction.core.forms import form_submit
from traction.core.views import FormPageView, PartnershipView, RecordDeleteView
from traction.listening import selectors as listening_selectors

from . import exports, selectors, services
from . import tree as pure
from .forms import (
    AwaydayForm,
    CloseForm,
    GrowForm,
    LinkForm,
    NodeForm,
    PositionForm,
    PublishForm,
    RepollForm,
    RoundForm,
    TreeForm,
)
from .models import (
    AgreementRound,
    Awayday,
    NodeKind,
    NodeLink,
    Position,
    ProblemNode,
    ProblemTree,
    RoundStatus,
    SharedPicture,
)
from .pictures import picture_tree

GROWN = "Added the {kind} “{label}”."
NODE_ADDED = "Node added to the tree."
NODE_SAVED = "Node saved."
LINK_ADDED = "Link added to the tree."
POSITION_RECORDED = "Your position is recorded."


class WorkshopView(PartnershipView):
    home = ("Workshop", "workshop-home")


class WorkshopFormView(WorkshopView, FormPageView):
    template_name = "workshop/record_form.html"


class WorkshopDeleteView(WorkshopView, RecordDeleteView):
    pass


class WorkshopHomeView(WorkshopView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "workshop/home.html",
            {
                "title": "Workshop",
                **selectors.workshop_home_for(user=request.user, partnership=self.partnership),
            },
        )


# --- trees --------------------------------------------------------------------------------------------------


class TreeFormView(WorkshopFormView):
    model = ProblemTree
    form_class = TreeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def success_url(self, result: Any) -> str:
        return self.url("tree-detail", pk=result.pk)


class TreeCreateView(TreeFormView):
    def title(self) -> str:
        return "New problem tree"

    def perform(self, form: Any) -> Any:
        return services.tree_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class TreeUpdateView(TreeFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        data = dict(form.cleaned_data)
        if not selectors.exercise_visible(
            user=self.request.user, partnership=self.partnership, exercise_id=self.object.exercise_id
        ):
            # The form cannot offer an exercise this user does not facilitate: keep it rather than unlink it.
            data["exercise"] = self.object.exercise
        return services.record_update(
            actor=self.request.user, instance=self.object, data=data, seen=self.seen
        )


class TreeDeleteView(WorkshopDeleteView):
    model = ProblemTree
    list_url_name = "workshop-home"


class TreeDetailView(WorkshopView):
    """The tree, drawn and as a list; under each node a short form adds a cause or an effect in place
    (``NodeGrowView``), and with htmx only the tree's part of the page (``workshop/_tree_work.html``) is
    swapped."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self.tree_page(self.get_permitted(ProblemTree, pk))

    def tree_page(
        self, tree: ProblemTree, *, failed: GrowForm | None = None, added: ProblemNode | None = None
    ) -> HttpResponse:
        """The page, or only its tree part for htmx: ``failed`` is an in-place form shown again with its
        errors, ``added`` the node just added (focus goes to it)."""
        fragment = bool(getattr(self.request, "htmx", False))
        return self.render(
            "workshop/_tree_work.html" if fragment else "workshop/tree_detail.html",
            {
                **self.tree_context(tree),
                "failed": failed,
                # Which of the page's short forms ``failed`` was: it opens again, with its errors.
                "failed_parent": failed.data.get("parent", "") if failed else "",
                "failed_kind": failed.data.get("kind", "") if failed else "",
                "failed_elsewhere": failed is not None
                and (failed.data.get("parent", ""), failed.data.get("kind", "")) not in _offered(tree),
                "added": added,
                "fragment": fragment,
            },
            status=200,
        )

    def tree_context(self, tree: ProblemTree) -> dict[str, Any]:
        user = self.request.user
        plain = services.tree_as_pure(tree)
        return {
            "title": tree.title,
            "tree": tree,
            "nodes": selectors.tree_nodes_for(user=user, partnership=self.partnership, tree=tree),
            "svg": pure.svg(plain),
            "outline": pure.outline(plain),
            "unplaced": pure.unplaced(plain),
            "links": tree.links.select_related("source", "target"),
            "errors": services.tree_errors(tree),
            "pictures": tree.pictures.all(),
            "rounds": tree.rounds.all(),
            "themes": selectors.tree_themes_for(user=user, partnership=self.partnership, tree=tree),
            "breadcrumbs": [self.home_crumb(), (tree.title, "")],
        }


def _offered(tree: ProblemTree) -> set[tuple[str, str]]:
    """(parent id, kind) of every short form the tree page shows: under each node of the outline, the kinds
    it may grow; the core problem's own form while there is none."""
    outline = pure.outline(services.tree_as_pure(tree))
    if not outline:
        return {("", NodeKind.CORE)}
    offered: set[tuple[str, str]] = set()
    items = [item for section in outline for item in section["items"]]
    while items:
        item = items.pop()
        offered |= {(str(item["node"].id), kind) for kind in services.GROW_KINDS.get(item["node"].kind, ())}
        items.extend(item["children"])
    return offered


class NodeGrowView(TreeDetailView):
    """POST only: a node added under another (or the core problem) from the tree page, linked in the same
    step. Without JavaScript it redirects back to the tree at the new node; with htmx it answers with the
    tree's part of the page. Refused input is shown on the form it came from."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return redirect(self.url("tree-detail", pk=self.get_permitted(ProblemTree, pk).pk))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        tree = self.get_permitted(ProblemTree, pk)
        self.require_write(ProblemNode, "add")
        form = GrowForm(request.POST, partnership=self.partnership, user=request.user, tree=tree)
        node = form_submit(form, lambda data: services.node_grow(actor=request.user, tree=tree, **data))
        if node is None:
            return self.tree_page(tree, failed=form)
        messages.success(request, GROWN.format(kind=node.get_kind_display().lower(), label=node.label))
        if getattr(request, "htmx", False):
            return self.tree_page(tree, added=node)
        return redirect(self.url("tree-detail", pk=tree.pk) + f"#node-{node.pk}")


class TreeExportView(WorkshopView):
    fmt = "svg"
    TYPES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "json": "application/json"}

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        plain, payload, name = self.source(pk)
        body = {
            "svg": lambda: exports.svg_bytes(plain),
            "png": lambda: exports.png_bytes(plain),
            "pdf": lambda: exports.pdf_bytes(plain),
            "json": lambda: exports.json_bytes(payload()),
        }[self.fmt]()
        response = HttpResponse(body, content_type=self.TYPES[self.fmt])
        response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "tree"}.{self.fmt}"'
        return response

    def source(self, pk: int) -> tuple[pure.Tree, Callable[[], dict[str, Any]], str]:
        """The tree, its JSON payload (worked out only for the JSON export: the citations cost queries), and
        its title."""
        tree = self.get_permitted(ProblemTree, pk)
        plain = services.tree_as_pure(tree)

        def payload() -> dict[str, Any]:
            return selectors.tree_payload(
                user=self.request.user, partnership=self.partnership, tree=tree, plain=plain
            )

        return plain, payload, tree.title


class TreeObjectivesView(WorkshopView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        tree = self.get_permitted(ProblemTree, pk)
        copy = services.tree_to_objectives(actor=request.user, tree=tree)
        messages.success(
            request, "An objectives tree was made with positive wording: edit each node to suit."
        )
        return redirect(self.url("tree-detail", pk=copy.pk))


class _TreeChildFormView(WorkshopFormView):
    tree: ProblemTree

    def load(self) -> None:
        super().load()
        self.tree = (
            self.object.tree
            if self.object is not None
            else self.get_permitted(ProblemTree, self.kwargs["pk"])
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "tree": self.tree}

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (self.tree.title, self.url("tree-detail", pk=self.tree.pk))]

    def success_url(self, result: Any) -> str:
        return self.url("tree-detail", pk=self.tree.pk)

    def page(self, form: Any) -> HttpResponse:
        if "highlights" in form.fields:
            # The choices quote each highlight's words: record reading every note they come from, as the
            # listening pages do.
            notes = form.fields["highlights"].queryset.values_list("note_id", flat=True)
            for note_pk in sorted(set(notes)):
                listening_selectors.note_words(
                    user=self.request.user, partnership=self.partnership, pk=note_pk
                )
        return super().page(form)


class _NodeFormView(_TreeChildFormView):
    """The node form: "Show its highlights" (``show``) shows the form again with the chosen conversation's
    highlights, keeping what was entered and saving nothing."""

    model = ProblemNode
    form_class = NodeForm
    template_name = "workshop/node_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and self.request.GET.get("conversation"):
            kwargs["initial"] = {"conversation": self.request.GET["conversation"]}
        return kwargs

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if "show" not in request.POST:
            return super().post(request, *args, **kwargs)
        self.prepare()
        initial = {
            name: request.POST.getlist(name) if name in ("themes", "highlights") else request.POST.get(name)
            for name in NodeForm.base_fields
            if name in request.POST
        }
        return self.page(
            self.form_class(partnership=self.partnership, initial=initial, **self.get_form_kwargs())
        )


class NodeCreateView(_NodeFormView):
    success_message = NODE_ADDED

    def title(self) -> str:
        return "Add a node"

    def perform(self, form: Any) -> Any:
        return services.node_create(actor=self.request.user, tree=self.tree, data=form.cleaned_data)


class NodeUpdateView(_NodeFormView):
    success_message = NODE_SAVED
    permission = "change"

    def title(self) -> str:
        return f"Edit “{self.object}”"

    def perform(self, form: Any) -> Any:
        return services.node_update(actor=self.request.user, node=self.object, data=form.cleaned_data)


class NodeDeleteView(WorkshopDeleteView):
    model = ProblemNode

    def success_url(self, record: Any) -> str:
        return self.url("tree-detail", pk=record.tree_id)


class LinkCreateView(_TreeChildFormView):
    success_message = LINK_ADDED
    model = NodeLink
    form_class = LinkForm

    def title(self) -> str:
        return "Link two nodes"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user, "tree": self.tree}

    def perform(self, form: Any) -> Any:
        return services.link_create(
            actor=self.request.user,
            tree=self.tree,
            source=form.cleaned_data["source"],
            target=form.cleaned_data["target"],
        )


class LinkDeleteView(WorkshopDeleteView):
    model = NodeLink

    def success_url(self, record: Any) -> str:
        return self.url("tree-detail", pk=record.tree_id)


# --- shared pictures ----------------------------------------------------------------------------------------


class PicturePublishView(_TreeChildFormView):
    model = SharedPicture
    form_class = PublishForm
    submit_label = "Publish to every member"

    def prepare(self) -> None:
        # Publishing is done from the tree by those who work on it; the service also needs the right to
        # publish pictures.
        self.tree = self.get_permitted(ProblemTree, self.kwargs["pk"])
        self.require_write(ProblemTree, "change")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user, "initial": {"title": self.tree.title}}

    def title(self) -> str:
        return "Publish a shared picture"

    def extra_context(self) -> dict[str, Any]:
        counts = selectors.exercise_visible(
            user=self.request.user, partnership=self.partnership, exercise_id=self.tree.exercise_id
        )
        return {
            "intro_template": "workshop/_publish_intro.html",
            "tree": self.tree,
            "errors": services.tree_errors(self.tree),
            "without_figures": not counts,
        }

    def perform(self, form: Any) -> Any:
        return services.picture_publish(
            actor=self.request.user,
            tree=self.tree,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
        )

    def success_url(self, result: Any) -> str:
        return self.url("picture-detail", pk=result.pk)


class PictureListView(WorkshopView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        pictures = selectors.picture_list_for(user=request.user, partnership=self.partnership)
        return self.render(
            "workshop/picture_list.html",
            {
                "title": "Shared pictures",
                "pictures": pictures,
                "breadcrumbs": [self.home_crumb(), ("Shared pictures", "")],
            },
        )


class PictureDetailView(WorkshopView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        picture = self.get_permitted(SharedPicture, pk)
        plain = picture_tree(picture)
        quotes = {n["id"]: n.get("quotes", []) for n in picture.content.get("nodes", [])}
        return self.render(
            "workshop/picture_detail.html",
            {
                "title": picture.title,
                "picture": picture,
                "svg": pure.svg(plain, id_prefix="picture"),
                "outline": pure.outline(plain),
                "has_quotes": any(quotes.values()),
                "rounds": picture.rounds.all(),
                "breadcrumbs": [self.home_crumb(), (picture.title, "")],
            },
        )


class PictureExportView(TreeExportView):
    def source(self, pk: int) -> tuple[pure.Tree, Callable[[], dict[str, Any]], str]:
        picture = self.get_permitted(SharedPicture, pk)
        return (
            picture_tree(picture),
            lambda: {
                **picture.content,
                "title": picture.title,
                "picture": picture.number,
                "published": picture.published_at.isoformat(),
            },
            picture.title,
        )


# --- agreement rounds ---------------------------------------------------------------------------------------


class RoundCreateView(WorkshopFormView):
    model = AgreementRound
    form_class = RoundForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def title(self) -> str:
        return "New agreement round"

    def perform(self, form: Any) -> Any:
        return services.round_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("round-detail", pk=result.pk)


class RoundUpdateView(RoundCreateView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.round_update(actor=self.request.user, round_=self.object, data=form.cleaned_data)


class RoundDetailView(WorkshopView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        round_ = self.get_permitted(AgreementRound, pk)
        mine = selectors.position_of(round_=round_, voter=request.user)
        revealed = round_.status in (RoundStatus.REVEALED, RoundStatus.CLOSED)
        named = selectors.round_positions_named(round_=round_, revealed=revealed)
        return self.render(
            "workshop/round_detail.html",
            {
                "title": str(round_),
                "round": round_,
                "mine": mine,
                "mine_label": round_.label_of(mine.value) if mine else "",
                "results": services.round_results(round_),
                "named": named,
                "cast": round_.positions.count(),
                "history": services.round_history(round_),
                "follow_ups": round_.follow_ups.all(),
                "can_vote": round_.status == RoundStatus.OPEN
                and self.allowed("add", "position")
                and not (mine and round_.anonymous),
                "breadcrumbs": [self.home_crumb(), (str(round_), "")],
            },
        )


class _RoundStep(WorkshopView):
    step = ""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        round_ = self.get_permitted(AgreementRound, pk)
        self.require_write(AgreementRound, "change")
        try:
            getattr(services, f"round_{self.step}")(actor=request.user, round_=round_)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.url("round-detail", pk=round_.pk))


class RoundOpenView(_RoundStep):
    step = "open"


class RoundRevealView(_RoundStep):
    step = "reveal"


class _RoundFormView(WorkshopFormView):
    model: type[models.Model] = AgreementRound
    round_: AgreementRound

    def load(self) -> None:
        self.round_ = self.get_permitted(AgreementRound, self.kwargs["pk"])

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (str(self.round_), self.url("round-detail", pk=self.round_.pk))]

    def success_url(self, result: Any) -> str:
        target = result if isinstance(result, AgreementRound) else self.round_
        return self.url("round-detail", pk=target.pk)


class PositionTakeView(_RoundFormView):
    success_message = POSITION_RECORDED
    model = Position
    form_class = PositionForm
    permission = "add"
    submit_label = "Record my position"

    def get_form_kwargs(self) -> dict[str, Any]:
        mine = selectors.position_of(round_=self.round_, voter=self.request.user)
        if mine is None or self.round_.anonymous:
            return {"round_": self.round_}
        return {"round_": self.round_, "initial": {"value": mine.value, "comment": mine.comment}}

    def title(self) -> str:
        return f"Your position: {self.round_}"

    def extra_context(self) -> dict[str, Any]:
        return {"intro_template": "workshop/_vote_intro.html", "round": self.round_}

    def perform(self, form: Any) -> Any:
        return services.position_take(
            actor=self.request.user,
            round_=self.round_,
            value=form.cleaned_data["value"],
            comment=form.cleaned_data["comment"],
        )


class RoundCloseView(_RoundFormView):
    permission = "change"
    form_class = CloseForm
    submit_label = "Close and record the decision"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"round_": self.round_}

    def title(self) -> str:
        return f"Close {self.round_}"

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.round_close(
            actor=self.request.user,
            round_=self.round_,
            meeting=data["meeting"],
            resolution=data["resolution"],
            actions=data["actions"],
        )


class RoundRepollView(_RoundFormView):
    permission = "add"
    form_class = RepollForm
    submit_label = "Create the next round"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"title": self.round_.title, "proposal": self.round_.proposal}}

    def title(self) -> str:
        return f"Poll again after amendment: {self.round_}"

    def perform(self, form: Any) -> Any:
        return services.round_repoll(
            actor=self.request.user,
            round_=self.round_,
            proposal=form.cleaned_data["proposal"],
            title=form.cleaned_data["title"],
        )


# --- awaydays -----------------------------------------------------------------------------------------------


class AwaydayFormView(WorkshopFormView):
    model = Awayday
    form_class = AwaydayForm

    def success_url(self, result: Any) -> str:
        return self.url("awayday-detail", pk=result.pk)


class AwaydayCreateView(AwaydayFormView):
    def title(self) -> str:
        return "Plan a pair-listening session"

    def perform(self, form: Any) -> Any:
        return services.awayday_save(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class AwaydayUpdateView(AwaydayFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.awayday_save(
            actor=self.request.user,
            partnership=self.partnership,
            data=form.cleaned_data,
            instance=self.object,
        )


class AwaydayDeleteView(WorkshopDeleteView):
    model = Awayday
    list_url_name = "workshop-home"


class AwaydayDetailView(WorkshopView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        awayday = self.get_permitted(Awayday, pk)
        rounds = selectors.awayday_rounds(partnership=self.partnership, awayday=awayday)
        return self.render(
            "workshop/awayday_detail.html",
            {
                "title": awayday.title,
                "awayday": awayday,
                "rounds": rounds,
                "turn_seconds": awayday.turn_minutes * 60,
                "breadcrumbs": [self.home_crumb(), (awayday.title, "")],
            },
        )
