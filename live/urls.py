from django.urls import path

from live import stream

urlpatterns = [
    path("events/", stream.events, name="events"),
]
