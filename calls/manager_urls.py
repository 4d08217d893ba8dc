"""The staff calls' pages under ``/manager/calls/`` (namespace ``manager``)."""

from django.urls import path

from calls import pages

urlpatterns = [
    path("", pages.OpenCallsView.as_view(), name="calls"),
    path("reasons/", pages.CallReasonsView.as_view(), name="call-reasons"),
    path(
        "<int:call_id>/acknowledge/", pages.CallAcknowledgeView.as_view(), name="call-acknowledge"
    ),
    path("<int:call_id>/resolve/", pages.CallResolveView.as_view(), name="call-resolve"),
]
