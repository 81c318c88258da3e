"""§3 The causes the fuzz found, each pinned: hostile query values and ids answer 200 or 404, never 500."""

import pytest
from django.test import Client

from tests.conftest import make_user
from units.models import Role

pytestmark = pytest.mark.django_db
HOSTILE = ["²", "٣", "NaN", "9" * 30, str(2**63), "0", "-1", "abc", ""]


@pytest.fixture
def clerk(ministry):
    return make_user("van-thu-bo", ministry, Role.CLERK)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("url", ["/van-ban/", "/van-ban/so-dang-ky/", "/vinh-danh/", "/don-vi/", "/khen-thuong/de-nghi/"])
def test_query_values_never_break_a_list(client, clerk, url, value):
    client.force_login(clerk)
    for key in ("issuer", "year", "q", "page", "kind", "status", "type", "export"):
        response = client.get(url, {key: value})
        assert response.status_code in (200, 302, 403), f"{url}?{key}={value!r} → {response.status_code}"


@pytest.mark.parametrize(
    "url",
    [
        "/don-vi/99999999999999999999/",
        f"/don-vi/{2**63}/",
        f"/phong-trao/1/theo-doi/don-vi/{2**63}/",
        f"/van-ban/{2**64}/",
        "/khen-thuong/ca-nhan/0/",
        f"/phong-trao/giao-uoc/soan/1/{'9' * 30}/",
        "/phong-trao/giao-uoc/soan/1/0/",
    ],
)
def test_ids_and_years_out_of_range_are_not_found(system_admin, url):
    client = Client(raise_request_exception=False)
    client.force_login(system_admin)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
