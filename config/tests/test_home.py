"""The site's front door: a newcomer at http://127.0.0.1:8000/ finds both screens."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "tablet", "counter"),
    [("en", "A table's tablet", "The manager's counter"), ("ko", "테이블 태블릿", "매니저 카운터")],
)
def test_links_to_the_tablet_and_the_manager_pages(client, language, tablet, counter):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/table/"' in body
    assert 'href="/manager/"' in body
    assert tablet in body
    assert counter in body
