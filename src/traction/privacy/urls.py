from django.urls import path

from traction.privacy import views

app_name = "privacy"
urlpatterns = [
    path("people/<int:pk>/erase/", views.PersonEraseView.as_view(), name="person-erase"),
    path("people/<int:pk>/export/", views.PersonExportView.as_view(), name="person-export"),
]
