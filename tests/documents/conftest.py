"""Fixtures for official documents: a Sở with its signer and clerk, a drafting helper."""

import pytest

from documents.models import DocumentType
from documents.services import document_create, document_sign, document_submit
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from units.models import Role, RoleScope


@pytest.fixture
def so_vl(province_pair):
    return province_pair["vinh-long"]


def give_position(user, unit, title, authority="", authority_body=""):
    """Declare the title under which ``user`` signs for ``unit``."""
    SigningPositionFactory(user=user, unit=unit, title=title, authority=authority, authority_body=authority_body)
    return user


@pytest.fixture
def signer_vl(so_vl):
    user = make_user("gd-vl", so_vl, Role.SIGNER)
    user.full_name = "Nguyễn Văn Hải"
    user.save(update_fields=["full_name"])
    return give_position(user, so_vl, "Giám đốc")


@pytest.fixture
def clerk_vl(so_vl):
    return make_user("vt-vl", so_vl, Role.CLERK)


@pytest.fixture
def manager_vl(so_vl):
    return make_user("ql-vl", so_vl, Role.CAMPAIGN_MANAGER, scope=RoleScope.SUBTREE)


@pytest.fixture
def make_plan(so_vl, manager_vl):
    def make(subject="Phát động phong trào thi đua năm 2026", paragraphs=3, **kwargs):
        body = [{"heading": "I. MỤC ĐÍCH, YÊU CẦU", "text": "Nội dung kế hoạch thi đua. " * 12, "items": []}]
        body += [{"heading": f"Phần {i}", "text": "Đoạn văn bản dài để thử ngắt trang. " * 25} for i in range(paragraphs)]
        params = {
            "actor": manager_vl,
            "doc_type": DocumentType.PLAN,
            "issuers": [so_vl],
            "subject": subject,
            "body": body,
            "recipients": ["Ủy ban nhân dân tỉnh (để báo cáo)", "Các phòng thuộc Sở"],
            "signers": [{"unit": so_vl, "title": "Giám đốc", "name": "Nguyễn Văn Hải"}],
        }
        params.update(kwargs)
        return document_create(**params)

    return make


@pytest.fixture
def signed_plan(make_plan, manager_vl, signer_vl):
    document = make_plan()
    document_submit(document=document, actor=manager_vl)
    return document_sign(document=document, actor=signer_vl)
