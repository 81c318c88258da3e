"""§5 The campaign form's participants and co-issuer are chosen by name."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_participants_are_added_by_name_and_stay_ticked(client, ministry, ministry_manager, province_pair, indicators):
    client.force_login(ministry_manager)
    html = client.get(reverse("campaigns:campaign-create")).content.decode()
    assert 'name="participants_q"' in html and 'role="combobox"' in html
    data = {
        "name": "Thi đua chọn theo tên", "kind": "regular", "scope": "sector", "lead_issuer": ministry.pk,
        "launch_document_type": "plan", "start_date": "01/01/2027", "end_date": "31/12/2027", "contents": "Nội dung một",
        "participants": [province_pair["vinh-long"].pk], "participants_q": "so cong thuong nghe an", "report_period": "half",
    }
    response = client.post(reverse("campaigns:campaign-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Thi đua chọn theo tên")
    assert set(campaign.participants.values_list("code", flat=True)) == {"sct-vinh-long", "sct-nghe-an"}


def test_an_ambiguous_participant_name_is_offered_to_choose(client, ministry, ministry_manager, province_pair):
    client.force_login(ministry_manager)
    data = {
        "name": "Thi đua mơ hồ", "kind": "regular", "scope": "sector", "lead_issuer": ministry.pk,
        "launch_document_type": "plan", "start_date": "01/01/2027", "end_date": "31/12/2027", "contents": "Nội dung một",
        "participants_q": "Sở Công Thương", "report_period": "half",
    }
    html = client.post(reverse("campaigns:campaign-create"), data).content.decode()
    assert not Campaign.objects.filter(name="Thi đua mơ hồ").exists()
    assert html.count('name="participants_pick"') == 2 and "chọn một trong danh sách" in html
