from django.urls import path

from traction.core.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("", views.TwoFactorView.as_view(), name="overview"),
    path("set-up/", views.TwoFactorSetupView.as_view(), name="setup"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery-codes"),
    path("turn-off/", views.TwoFactorDisableView.as_view(), name="disable"),
]
