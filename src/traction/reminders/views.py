"""The reminder settings page (admins and secretaries), each member's own reminder choice, and the public
unsubscribe link of the emails (the signed token is the credential)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from traction.core import policy
from traction.core.forms import form_submit
from traction.core.views import FormPageView, PartnershipView
from traction.governance.models import Meeting
from traction.reminders import selectors, services
from traction.reminders.emails import arising_pack_context, arising_pack_subject, person_of_token
from traction.reminders.forms import ArisingPackSendForm, ReminderChoiceForm, ReminderSettingsForm
from traction.reminders.models import PackMailing, ReminderOptOut, ReminderSettings


class ReminderSettingsUpdateView(FormPageView):
    form_class = ReminderSettingsForm
    model = ReminderSettings
    permission = "change"
    template_name = "reminders/settings_form.html"
    submit_label = "Save the reminder settings"
    success_message = "Reminder settings saved."

    def load(self) -> None:
        self.object = selectors.reminder_settings_of(partnership=self.partnership)

    def prepare(self) -> None:
        self.load()
        self.require("change", "remindersettings")

    def title(self) -> str:
        return "Reminder emails"

    def extra_context(self) -> dict[str, Any]:
        return {"sent": selectors.sent_reminders_for(user=self.request.user, partnership=self.partnership)}

    def perform(self, form: Any) -> Any:
        return services.reminder_settings_update(
            actor=self.request.user,
            partnership=self.partnership,
            data={name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS},
        )

    def success_url(self, result: Any) -> str:
        return self.url("settings")


class ArisingPackSendView(FormPageView):
    """Confirm, then queue, the mailing of a meeting's matters-arising pack to its body's members: which
    meeting, who receives it (and who cannot, having no email address), a preview, and what was sent."""

    model = PackMailing
    form_class = ArisingPackSendForm
    template_name = "reminders/arising_pack_send.html"
    submit_label = "Send the pack to members"

    def load(self) -> None:
        self.meeting = self.get_permitted(Meeting, self.kwargs["pk"])

    def title(self) -> str:
        return "Send the matters-arising pack"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        body = self.meeting.body
        return [
            self.home_crumb(),
            ("Bodies", self.url("governance:body-list")),
            (body.name, self.url("governance:body-detail", pk=body.pk)),
            ("Matters arising", self.url("governance:body-matters-arising", pk=body.pk)),
        ]

    def extra_context(self) -> dict[str, Any]:
        pack = selectors.arising_pack(meeting=self.meeting)
        user, partnership = self.request.user, self.partnership
        sent_to = selectors.pack_sent_to(user=user, partnership=partnership, meeting=self.meeting)
        return {
            **arising_pack_context(partnership=partnership, pack=pack),
            "subject": arising_pack_subject(partnership=partnership, pack=pack),
            "recipients": selectors.pack_recipients(meeting=self.meeting),
            "refusal": selectors.pack_refusal(meeting=self.meeting, now=timezone.now()),
            "mailings": selectors.pack_mailings_for(user=user, partnership=partnership, meeting=self.meeting),
            "sent_to": sent_to,
            "had_it": {row.person_id for row in sent_to},
        }

    def perform(self, form: Any) -> Any:
        return services.pack_mailing_request(actor=self.request.user, meeting=self.meeting)

    def succeeded(self, result: Any) -> HttpResponse:
        messages.success(
            self.request,
            "The pack is queued and goes out in the background, once to each member. "
            "This page shows what was sent.",
        )
        return redirect(self.success_url(result))

    def success_url(self, result: Any) -> str:
        return self.url("arising-pack-send", pk=self.meeting.pk)


def _opted_out(person: Any) -> bool:
    try:
        return person.reminder_opt_out is not None
    except ReminderOptOut.DoesNotExist:
        return False


class ReminderPreferencesView(PartnershipView):
    """Whether the signed-in member's person of the record is sent reminders; they may opt out or back in."""

    def page(self, form: Any, status: int = 200) -> HttpResponse:
        people = selectors.own_people(user=self.request.user, partnership=self.partnership)
        return self.render(
            "reminders/preferences.html",
            {
                "form": form,
                "people": [(person, _opted_out(person)) for person in people],
                "settings": selectors.reminder_settings_of(partnership=self.partnership),
                "title": "Your reminder emails",
                "breadcrumbs": [self.home_crumb(), ("Your reminder emails", "")],
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        people = selectors.own_people(user=request.user, partnership=self.partnership)
        receive = "no" if people and all(_opted_out(p) for p in people) else "yes"
        return self.page(ReminderChoiceForm(partnership=self.partnership, initial={"receive": receive}))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = ReminderChoiceForm(request.POST, partnership=self.partnership)
        people = selectors.own_people(user=request.user, partnership=self.partnership)

        def change(data: dict[str, Any]) -> int:
            if data["receive"] == "yes":
                return sum(services.reminder_opt_in(actor=request.user, person=p) for p in people)
            return sum(services.reminder_opt_out(actor=request.user, person=p) for p in people)

        if form_submit(form, change) is None:
            return self.page(form, status=400)
        if not people:
            messages.info(
                request, "You are not linked to a person of the record here, so no reminders go to you."
            )
        elif form.cleaned_data["receive"] == "yes":
            messages.success(request, "You will be sent reminder emails about the actions you lead.")
        else:
            messages.success(request, "You will not be sent reminder emails.")
        return redirect(self.url("preferences"))


@csrf_exempt  # a mail client's one-click unsubscribe (RFC 8058) posts without a session or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation page; POST (its button, or the mail client's one-click) opts the person out.
    A forged or altered token is a plain 404."""
    person = person_of_token(token)
    if person is None:
        raise Http404(policy.NOT_FOUND)
    done = False
    if request.method == "POST":
        services.reminder_opt_out(person=person)
        done = True
    response = render(
        request,
        "reminders/unsubscribe.html",
        {"person": person, "partnership": person.partnership, "done": done, "title": "Stop reminder emails"},
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
