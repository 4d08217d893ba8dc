from django.urls import path

from tablet.views import TabletPageView

app_name = "tablet"

urlpatterns = [
    path("", TabletPageView.as_view(), name="page"),
]
