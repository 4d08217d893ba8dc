"""The app's URLs plus ``/bench/ceiling/``: a bare Django view with a constant JSON body,
served by the same server and middleware, so that every endpoint's figure can be read as a
fraction of what the framework and server can do on the machine."""

from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

BODY = {"status": "ok", "items": list(range(10))}


def ceiling(request):
    return JsonResponse(BODY)


urlpatterns = [path("bench/ceiling/", ceiling), *app_urlpatterns]
