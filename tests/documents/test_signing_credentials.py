"""The certificates screens: the signing account's own ("Chứng thư số của tôi") and the
organisations' (kept by the records clerk or an administrator), with validation and audit."""
# ruff: noqa: F811 - the local PKI fixture is imported from test_signing and requested by name

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.signing.models import SigningCredential
from tests.conftest import make_user
from tests.documents.signing_pki import PASSWORD
from tests.documents.test_signing import local_pki  # noqa: F401 - fixture
from thidua.navigation import nav_for
from units.models import AuditEvent, Role


def nav_names(user):
    return [item["name"] for item in nav_for(user)]


def test_navigation_offers_own_certificate_to_signers_only(signer_vl, manager_vl, clerk_vl, system_admin):
    assert "documents:credential-mine" in nav_names(signer_vl)
    assert "documents:credential-mine" not in nav_names(manager_vl)
    assert "documents:credential-units" not in nav_names(signer_vl)
    assert "documents:credential-units" in nav_names(clerk_vl)
    assert "documents:credential-units" in nav_names(system_admin)


def test_council_secretary_sees_own_certificate_link(so_vl):
    secretary = make_user("tk-hd", so_vl, Role.COUNCIL_SECRETARY)
    assert "documents:credential-mine" in nav_names(secretary)


def test_navigation_link_is_rendered_for_a_signer(client, signer_vl):
    client.force_login(signer_vl)
    page = client.get(reverse("home")).content.decode()
    assert "Chứng thư số của tôi" in page and reverse("documents:credential-mine") in page


def p12_post(pki, name, organisation, **extra):
    data, issued = pki.person(name, organisation, **extra)
    return {"kind": "pkcs12", "p12-file": SimpleUploadedFile("cq.p12", data), "p12-password": PASSWORD}, issued


def test_clerk_registers_the_organisation_certificate_and_it_is_audited(client, local_pki, so_vl, clerk_vl):
    client.force_login(clerk_vl)
    url = reverse("documents:credential-unit", args=[so_vl.pk])
    form, issued = p12_post(local_pki, so_vl.name, so_vl.name)
    response = client.post(url, form)
    assert response.status_code == 302
    credential = SigningCredential.objects.get(unit=so_vl, is_active=True)
    assert credential.serial == format(issued.cert.serial_number, "X")
    event = AuditEvent.objects.get(action="signing_credential_add")
    assert event.actor == clerk_vl and event.unit == so_vl and credential.serial in event.summary
    page = client.get(url).content.decode()
    assert credential.serial in page and "Ngừng sử dụng" in page
    listing = client.get(reverse("documents:credential-units")).content.decode()
    assert so_vl.name in listing and f"Tên: {so_vl.name}" in listing and "Common Name" not in listing


def test_expired_organisation_certificate_is_refused_with_a_message(client, local_pki, so_vl, clerk_vl):
    client.force_login(clerk_vl)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    form, _ = p12_post(local_pki, so_vl.name, so_vl.name, not_before=long_ago, not_after=long_ago + dt.timedelta(days=30))
    response = client.post(reverse("documents:credential-unit", args=[so_vl.pk]), form, follow=True)
    assert "không còn hiệu lực" in response.content.decode()
    assert not SigningCredential.objects.filter(unit=so_vl).exists()
    assert not AuditEvent.objects.filter(action="signing_credential_add").exists()


def test_a_seal_that_is_not_png_is_refused(client, local_pki, so_vl, clerk_vl):
    client.force_login(clerk_vl)
    form, _ = p12_post(local_pki, so_vl.name, so_vl.name)
    form["p12-image"] = SimpleUploadedFile("con-dau.png", b"GIF89a not a png")
    response = client.post(reverse("documents:credential-unit", args=[so_vl.pk]), form, follow=True)
    assert "PNG" in response.content.decode()
    assert not SigningCredential.objects.filter(unit=so_vl).exists()


def test_another_units_certificate_screen_is_not_found(client, local_pki, province_pair, clerk_vl):
    client.force_login(clerk_vl)
    other = province_pair["nghe-an"]
    form, _ = p12_post(local_pki, other.name, other.name)
    assert client.get(reverse("documents:credential-unit", args=[other.pk])).status_code == 404
    assert client.post(reverse("documents:credential-unit", args=[other.pk]), form).status_code == 404
    assert not SigningCredential.objects.filter(unit=other).exists()


def test_a_signer_may_not_manage_the_organisation_certificate(client, so_vl, signer_vl):
    client.force_login(signer_vl)
    assert client.get(reverse("documents:credential-units")).status_code == 403
    assert client.get(reverse("documents:credential-unit", args=[so_vl.pk])).status_code == 404


def test_administrator_manages_any_unit_and_deactivates(client, local_pki, province_pair, system_admin):
    other = province_pair["nghe-an"]
    client.force_login(system_admin)
    form, _ = p12_post(local_pki, other.name, other.name)
    assert client.post(reverse("documents:credential-unit", args=[other.pk]), form).status_code == 302
    credential = SigningCredential.objects.get(unit=other, is_active=True)
    response = client.post(reverse("documents:credential-unit-deactivate", args=[credential.pk]))
    assert response.status_code == 302
    credential.refresh_from_db()
    assert not credential.is_active
    assert AuditEvent.objects.filter(action="signing_credential_remove", unit=other).count() == 1
    # A second click changes nothing and writes no second entry.
    client.post(reverse("documents:credential-unit-deactivate", args=[credential.pk]))
    assert AuditEvent.objects.filter(action="signing_credential_remove").count() == 1


def test_a_person_credential_is_not_reached_through_the_organisation_screen(client, local_pki, signer_vl, clerk_vl):
    client.force_login(signer_vl)
    data, _ = local_pki.person("Nguyễn Văn Hải", signer_vl.unit.name)
    client.post(reverse("documents:credential-mine"), {"file": SimpleUploadedFile("gd.p12", data), "password": PASSWORD})
    personal = SigningCredential.objects.get(user=signer_vl)
    client.force_login(clerk_vl)
    assert client.post(reverse("documents:credential-unit-deactivate", args=[personal.pk])).status_code == 404
    personal.refresh_from_db()
    assert personal.is_active


def test_pkcs11_without_a_configured_module_is_refused(client, local_pki, so_vl, clerk_vl, settings):
    settings.THIDUA_PKCS11_MODULE = ""
    client.force_login(clerk_vl)
    response = client.post(
        reverse("documents:credential-unit", args=[so_vl.pk]),
        {"kind": "pkcs11", "p11-token_label": "bct", "p11-key_label": "van-thu"}, follow=True,
    )
    assert "THIDUA_PKCS11_MODULE" in response.content.decode()
    assert not SigningCredential.objects.filter(unit=so_vl).exists()


def test_unit_list_shows_only_the_clerks_units(client, province_pair):
    clerk = make_user("vt-na", province_pair["nghe-an"], Role.CLERK)
    client.force_login(clerk)
    page = client.get(reverse("documents:credential-units")).content.decode()
    assert province_pair["nghe-an"].name in page and province_pair["vinh-long"].name not in page
