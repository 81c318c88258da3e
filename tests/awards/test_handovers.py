"""Hand-overs of the council: the secretary hears of a dossier, members of an open ballot."""

import pytest

from awards import services as svc
from units.extensions import todo_items
from units.models import Notification

from .conftest import nominate

pytestmark = pytest.mark.django_db


def labels(user):
    return {item["label"]: item["count"] for item in todo_items(user)}


def test_council_hand_overs(council_setup, officer_vl, province_pair):
    secretary, member, conflicted = council_setup["secretary"], council_setup["members"][0], council_setup["conflicted"]
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    assert labels(officer_vl)["Hồ sơ đề nghị khen thưởng đơn vị đang lập"] == 1
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    assert Notification.objects.filter(user=secretary, key=f"nomination-submitted-{nomination.pk}").exists()
    assert labels(secretary)["Hồ sơ đề nghị trình Hội đồng chờ đưa vào phiên họp"] == 1
    box = svc.agenda_add(session=council_setup["session"], actor=secretary, nomination=nomination)
    svc.ballot_open(box=box, actor=secretary)
    assert labels(member)["Phiếu kín đang mở chờ tôi bỏ phiếu"] == 1
    assert "Phiếu kín đang mở chờ tôi bỏ phiếu" not in labels(conflicted)  # its own unit is nominated
    svc.ballot_vote(box=box, member=member, choice="for")
    assert "Phiếu kín đang mở chờ tôi bỏ phiếu" not in labels(member)
