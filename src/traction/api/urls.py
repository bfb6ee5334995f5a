from django.urls import path

from traction.api import views

app_name = "api"
urlpatterns = [
    path("", views.TokenListView.as_view(), name="token-list"),
    path("<str:pk>/revoke/", views.TokenRevokeView.as_view(), name="token-revoke"),
]
