import pytest

from awards.catalogue import seed_catalogue


@pytest.fixture(autouse=True)
def catalogue(request):
    """The catalogue a data migration seeds; transactional tests flush it, so make sure it is there."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    seed_catalogue()
