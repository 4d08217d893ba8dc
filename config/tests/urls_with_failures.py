"""The real URLs plus views that fail on purpose, for the error-contract tests."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from config.urls import urlpatterns as real_urlpatterns


class Line(serializers.Serializer):
    menu_id = serializers.IntegerField()
    quantity = serializers.IntegerField(min_value=1, max_value=99)


class OrderLike(serializers.Serializer):
    items = Line(many=True)


class CrashingApiView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("SELECT secret FROM users -- must never reach the client")

    def post(self, request):
        OrderLike(data=request.data).is_valid(raise_exception=True)
        return HttpResponse(status=204)


def crashing_plain_view(request):
    raise ZeroDivisionError("plain Django view crashed")


def database_down_view(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")


urlpatterns = [
    path("api/v1/test/crash/", CrashingApiView.as_view()),
    path("api/v1/test/plain-crash/", crashing_plain_view),
    path("api/v1/test/database-down/", database_down_view),
    *real_urlpatterns,
]
