"""§5 Embedded mode: concurrent votes on SQLite never fail with "database is locked"."""

import threading

import pytest
from django.db import connection

from awards import services as svc
from awards.models import BallotParticipation
from tests.awards.conftest import council_setup, nominate  # noqa: F401 - the council fixture
from tests.conftest import make_user
from units.models import Role, RoleScope

VOTERS = 8


@pytest.fixture
def catalogue(transactional_db):
    """Transactional tests flush the award catalogue a data migration seeds: put it back."""
    from awards.catalogue import seed_catalogue

    seed_catalogue()


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_on_sqlite_all_count(catalogue, council_setup, officer_vl, province_pair, ministry):  # noqa: F811
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    members = [make_user(f"tv-song-song-{i}", ministry, Role.COUNCIL_MEMBER, scope=RoleScope.SECTOR) for i in range(VOTERS)]
    council_setup["council"].members.add(*members)
    box = svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=nomination)
    svc.ballot_open(box=box, actor=council_setup["secretary"])
    barrier, errors = threading.Barrier(VOTERS), []

    def vote(member):
        barrier.wait()
        try:
            svc.ballot_vote(box=box, member=member, choice="for")
        except Exception as error:  # noqa: BLE001 - every failure is the finding
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert BallotParticipation.objects.filter(box=box).count() == VOTERS
    box = svc.ballot_close(box=box, actor=council_setup["secretary"])
    assert (box.votes_for, box.votes_against) == (VOTERS, 0)
