from django.urls import path

from live import stream

urlpatterns = [
    path("events/", stream.events, name="events"),
    path("events/kitchen/", stream.kitchen_events, name="kitchen-events"),
]
