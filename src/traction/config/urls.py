from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from traction.api import views as api_views
from traction.api.api import api
from traction.core import sso
from traction.core import views as core_views
from traction.core.twofactor import views as twofactor_views

urlpatterns = [
    path("login/", sso.SignInView.as_view(), name="login"),
    # Organisation sign-in (OpenID Connect): off, and answering 404, unless it is configured.
    # Sign-in's second step (an account with two-factor sign-in): only someone half-way through gets a form.
    path("login/code/", twofactor_views.SignInCodeView.as_view(), name="login-code"),
    path("login/organisation/", sso.OrganisationSignInView.as_view(), name="oidc-start"),
    path("login/organisation/callback/", sso.OrganisationCallbackView.as_view(), name="oidc-callback"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", core_views.health, name="health"),
    # A calendar subscription: the signed address is the credential, so it is public (see programmes).
    path("calendar/", include("traction.programmes.feed_urls")),
    # A reminder email's unsubscribe link: the signed token is the credential, so it is public.
    path("reminders/", include("traction.reminders.public_urls")),
    path("admin/", admin.site.urls),
    # The JSON API answers with JSON whoever asks: a token opens it, anything else is a 401 (docs/api.md).
    path("api/v1/docs/", api_views.ApiDocsView.as_view(), name="api-docs"),
    path("api/v1/", api.urls),
    path("account/api-tokens/", include("traction.api.urls")),
    path("account/two-factor/", include("traction.core.twofactor.urls")),
    path("", include("traction.core.urls")),
    path("p/<slug:slug>/", include("traction.governance.urls")),
    path("p/<slug:slug>/diagnosis/", include("traction.diagnosis.urls")),
    path("p/<slug:slug>/imports/", include("traction.imports.urls")),
    path("p/<slug:slug>/intake/", include("traction.intake.urls")),
    path("p/<slug:slug>/listening/", include("traction.listening.urls")),
    path("p/<slug:slug>/workshop/", include("traction.workshop.urls")),
    path("p/<slug:slug>/direction/", include("traction.direction.urls")),
    path("p/<slug:slug>/commissioning/", include("traction.commissioning.urls")),
    path("p/<slug:slug>/stakeholders/", include("traction.stakeholders.urls")),
    path("p/<slug:slug>/programmes/", include("traction.programmes.urls")),
    path("p/<slug:slug>/privacy/", include("traction.privacy.urls")),
    path("p/<slug:slug>/reminders/", include("traction.reminders.urls")),
]

handler404 = "traction.core.views.not_found"
handler403 = "traction.core.views.forbidden"
handler400 = "traction.core.views.bad_request"
