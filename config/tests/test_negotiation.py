"""The API's content negotiation answers what DRF's answers, faster for the plain cases."""

from __future__ import annotations

import pytest
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from config.negotiation import JSONFirstNegotiation

ACCEPTS = [
    None,
    "",
    "*/*",
    " application/json ",
    "application/json",
    "application/json; indent=4",
    "text/html",
    "text/html, */*;q=0.1",
    "application/*",
    "image/png",
]


def outcome(negotiation, path: str, accept: str | None, renderers) -> tuple | str:
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get(path, **headers))
    try:
        renderer, media_type = negotiation.select_renderer(request, renderers)
    except NotAcceptable:
        return "406"
    return type(renderer), media_type


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("path", ["/api/v1/menu/", "/api/v1/menu/?format=json"])
@pytest.mark.parametrize("renderers", [[JSONRenderer()], [JSONRenderer(), BrowsableAPIRenderer()]])
def test_answers_what_drf_answers(accept, path, renderers):
    ours = outcome(JSONFirstNegotiation(), path, accept, renderers)

    assert ours == outcome(DefaultContentNegotiation(), path, accept, renderers)


def test_an_api_view_refuses_a_type_it_cannot_render(client):
    response = client.get("/api/v1/menu/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response.json()["error_code"] == "NOT_ACCEPTABLE"
