"""The data set of the IDOR matrix: one of every object with an id in a URL, for each of four units.

The actor's unit is Sở Công Thương tỉnh An Giang (``own``). Its Phòng Quản lý công nghiệp is its
``subtree``; Sở Công Thương tỉnh Cà Mau shares its cluster (``peer``); Sở Công Thương tỉnh Lào Cai is
in another cluster (``other``). Objects are written straight to the database, in the states where
each action applies, so that the matrix does not depend on the services it is testing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from units.models import (
    Cluster,
    ClusterMembership,
    ClusterRole,
    Gender,
    Person,
    Role,
    RoleAssignment,
    RoleScope,
    Unit,
    UnitKind,
    User,
)

RELATIONS = ("own", "subtree", "peer", "other")
# The actor's accounts: one per role, each on the actor's unit and its subtree.
ROLES = {
    "cán bộ đầu mối": Role.UNIT_OFFICER,
    "quản lý thi đua": Role.CAMPAIGN_MANAGER,
    "văn thư": Role.CLERK,
    "lãnh đạo ký": Role.SIGNER,
    "người xem": Role.VIEWER,
    "cụm trưởng": Role.CLUSTER_LEAD,
    "thư ký hội đồng": Role.COUNCIL_SECRETARY,
    "thành viên hội đồng": Role.COUNCIL_MEMBER,
}
PDF = b"%PDF-1.7\n% ma tran IDOR\n"
TODAY = datetime.date.today()


def make_user(username: str, unit: Unit | None, role: str | None, scope: str = RoleScope.SUBTREE, role_unit: Unit | None = None) -> User:
    user = User.objects.create_user(username=username, password="mat-khau-ma-tran-2026", unit=unit, full_name=f"Cán bộ {username}",
                                    email=f"{username}@example.gov.vn")
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=role_unit or unit, scope=scope)
    return user


def organisation() -> dict:
    ministry = Unit.objects.create(code="bct-mt", name="Bộ Công Thương", short_name="BCT", kind=UnitKind.MINISTRY, place_name="Hà Nội")
    units = {"ministry": ministry}
    for key, name in (("own", "An Giang"), ("peer", "Cà Mau"), ("other", "Lào Cai")):
        province = Unit.objects.create(code=f"ubnd-{key}", name=f"Ủy ban nhân dân tỉnh {name}", kind=UnitKind.PROVINCE, place_name=name)
        units[key] = Unit.objects.create(code=f"sct-{key}", name=f"Sở Công Thương tỉnh {name}", short_name="SCT", parent=province,
                                         kind=UnitKind.PROVINCIAL_DEPARTMENT, heading_name="Sở Công Thương", place_name=name)
    units["subtree"] = Unit.objects.create(code="sct-own-qlcn", name="Phòng Quản lý công nghiệp", short_name="QLCN",
                                           kind=UnitKind.DIVISION, parent=units["own"], place_name="An Giang")
    clusters = {}
    for key, members in (("own", ("own", "peer")), ("other", ("other",))):
        cluster = Cluster.objects.create(code=f"cum-{key}", name=f"Cụm thi đua {key}", organiser=ministry)
        for member in members:
            role = ClusterRole.LEAD if member == members[0] else ClusterRole.MEMBER
            ClusterMembership.objects.create(cluster=cluster, unit=units[member], year=TODAY.year, role=role)
        clusters[key] = cluster
    return {"units": units, "clusters": clusters}


def objects_of(key: str, unit: Unit, ministry_campaign, indicator, kind) -> dict:
    """Every object with an id in a URL, owned by ``unit``."""
    from awards.models import (
        AwardRecord,
        AwardRound,
        BallotBox,
        Council,
        CouncilSession,
        DossierFile,
        Nomination,
        NominationStatus,
    )
    from campaigns.models import (
        Campaign,
        CampaignIssuer,
        CampaignStatus,
        Evidence,
        PeriodType,
        ProgressReport,
        Registration,
        RegistrationStatus,
        ReportStatus,
        Target,
    )
    from documents.models import (
        BlankPrintProfile,
        DocumentIssuer,
        DocumentSigner,
        DocumentType,
        OfficialDocument,
        PdfJob,
        PdfJobKind,
        PdfJobState,
    )

    staff = make_user(f"can-bo-{key}", unit, Role.UNIT_OFFICER)
    chair = make_user(f"chu-tich-{key}", unit, Role.SIGNER)
    secretary = make_user(f"thu-ky-{key}", unit, Role.COUNCIL_SECRETARY)
    assignment = staff.role_assignments.get()
    person = Person.objects.create(unit=unit, full_name=f"Nguyễn Văn {key.title()}", gender=Gender.MALE, position="Chuyên viên")

    document = OfficialDocument.objects.create(doc_type=DocumentType.PLAN, subject=f"Kế hoạch thi đua của {unit.name}", lead_issuer=unit,
                                               body=[{"heading": "I. MỤC ĐÍCH", "text": "Nội dung."}], recipients=["Lưu: VT"])
    DocumentIssuer.objects.create(document=document, unit=unit)
    DocumentSigner.objects.create(document=document, unit=unit, title="Giám đốc", name="Nguyễn Văn A")
    job = PdfJob.objects.create(document=document, kind=PdfJobKind.PREVIEW, state=PdfJobState.DONE, page_count=1)
    job.file.save(f"pdf/ma-tran-{key}.pdf", ContentFile(PDF))
    blank = BlankPrintProfile.objects.create(unit=unit, form=BlankPrintProfile._meta.get_field("form").choices[0][0], printer_name="Máy in văn thư")

    campaign = Campaign.objects.create(name=f"Phong trào thi đua của {unit.name}", start_date=datetime.date(TODAY.year, 1, 1),
                                       end_date=datetime.date(TODAY.year, 12, 31), status=CampaignStatus.REGISTRATION, created_by=staff)
    CampaignIssuer.objects.create(campaign=campaign, unit=unit)
    campaign.participants.add(unit)
    campaign.indicators.add(indicator)
    registration = Registration.objects.create(campaign=ministry_campaign, unit=unit, status=RegistrationStatus.SUBMITTED)
    target = Target.objects.create(registration=registration, indicator=indicator, target_value=Decimal("10"))
    report = ProgressReport.objects.create(registration=registration, period_type=PeriodType.QUARTER, period_index=1, year=TODAY.year,
                                           status=ReportStatus.SUBMITTED, period_key=ProgressReport.key_for(PeriodType.QUARTER, 1, TODAY.year))
    evidence = Evidence(report=report, target=target, storage_key=f"ma-tran-{key}.pdf", original_name="minh-chung.pdf",
                        content_type="application/pdf", size=len(PDF), uploaded_by=staff)
    evidence.file.save(evidence.storage_key, ContentFile(PDF), save=False)
    evidence.save()

    award_round = AwardRound.objects.create(name=f"Đợt xét của {unit.name}", deciding_unit=unit, achievement_year=TODAY.year - 1,
                                            opens_on=TODAY - datetime.timedelta(days=5), closes_on=TODAY + datetime.timedelta(days=30))
    nomination = Nomination.objects.create(round=award_round, proposing_unit=unit, person=person, award_kind=kind,
                                           achievement="Hoàn thành xuất sắc nhiệm vụ", status=NominationStatus.SUBMITTED, created_by=staff)
    dossier = DossierFile(nomination=nomination, document="to_trinh", storage_key=f"ma-tran-{key}.pdf", original_name="to-trinh.pdf",
                          content_type="application/pdf", size=len(PDF))
    dossier.file.save(dossier.storage_key, ContentFile(PDF), save=False)
    dossier.save()
    record = AwardRecord.objects.create(person=person, award_kind=kind, year=TODAY.year - 1, decision=f"Quyết định số 01/QĐ-{key}",
                                        golden_book_number=f"01/{TODAY.year}/SV-{key}")
    council = Council.objects.create(unit=unit, name=f"Hội đồng Thi đua - Khen thưởng {unit.name}", chair=chair, secretary=secretary)
    council.members.add(chair, secretary)
    session = CouncilSession.objects.create(council=council, title="Phiên họp xét khen thưởng", held_on=TODAY)
    second = Nomination.objects.create(round=award_round, proposing_unit=unit, unit=unit, award_kind=kind,
                                       achievement="Tập thể hoàn thành xuất sắc", status=NominationStatus.ON_AGENDA, created_by=staff)
    box = BallotBox.objects.create(session=session, nomination=second, closed=True, votes_for=2, votes_against=0, eligible_voters=2,
                                   present_count=2, denominator_count=2, passed=True)
    # The unit's own catalogue entries (a Sở's own title and indicator), set up in the app.
    from awards.models import AwardKind
    from campaigns.models import Indicator

    own_kind = AwardKind.objects.create(code=f"bk-rieng-{key}", name=f"Bằng khen riêng của {unit.name}", subject="both", category="form",
                                        level="ministry", owner=unit)
    own_indicator = Indicator.objects.create(code=f"chi-tieu-rieng-{key}", name=f"Chỉ tiêu riêng của {unit.name}", kind="count", owner=unit)
    # What a văn thư registers as received, a unit's own signing certificate, a person's notice.
    from django.utils import timezone

    from documents.models import IncomingDocument
    from documents.signing.models import CredentialKind, SigningCredential
    from units.models import Notification

    incoming = IncomingDocument.objects.create(receiving_unit=unit, issuer=Unit.objects.get(code="bct-mt"), type_name="Kế hoạch",
                                               symbol=f"{unit.pk}/KH-BCT", issued_on=TODAY, subject="Kế hoạch tổ chức phong trào",
                                               year=TODAY.year, incoming_number=1, received_on=TODAY)
    credential = SigningCredential.objects.create(unit=unit, kind=CredentialKind.choices[0][0], certificate=b"der", subject=unit.name,
                                                  issuer="CA ma trận", serial=f"{unit.pk:08d}", not_before=timezone.now(),
                                                  not_after=timezone.now() + datetime.timedelta(days=365))
    notification = Notification.objects.create(user=staff, key=f"ma-tran-{key}", text="Có việc cần làm.", link="/")
    return {
        "incoming": incoming, "credential": credential, "notification": notification,
        "award_kind": own_kind, "own_indicator": own_indicator, "council": council,
        "unit": unit, "person": person, "user": staff, "assignment": assignment, "document": document, "job": job, "blank": blank,
        "campaign": campaign, "ministry_campaign": ministry_campaign, "registration": registration, "report": report,
        "evidence": evidence, "round": award_round, "nomination": nomination, "dossier": dossier, "record": record,
        "session": session, "box": box,
    }


def build() -> dict:
    """The organisation, the accounts of the actor's unit (one per role) and each unit's objects."""
    from awards.models import AwardKind
    from campaigns.models import (
        Campaign,
        CampaignIssuer,
        CampaignStatus,
        Covenant,
        CovenantStatus,
        Indicator,
        IndicatorKind,
    )

    org = organisation()
    units, clusters = org["units"], org["clusters"]
    indicator = Indicator.objects.create(code="ma-tran", name="Chỉ tiêu ma trận", unit_of_measure="dự án", kind=IndicatorKind.COUNT)
    kind = AwardKind.objects.order_by("pk").first()
    ministry_campaign = Campaign.objects.create(name="Phong trào thi đua của Bộ", start_date=datetime.date(TODAY.year, 1, 1),
                                                end_date=datetime.date(TODAY.year, 12, 31), status=CampaignStatus.IN_PROGRESS)
    CampaignIssuer.objects.create(campaign=ministry_campaign, unit=units["ministry"])
    ministry_campaign.participants.add(*(units[r] for r in RELATIONS))
    ministry_campaign.indicators.add(indicator)
    objects = {relation: objects_of(relation, units[relation], ministry_campaign, indicator, kind) for relation in RELATIONS}
    for relation, cluster in clusters.items():
        covenant = Covenant.objects.create(cluster=cluster, year=TODAY.year, campaign=ministry_campaign, lead_unit=units[relation],
                                           status=CovenantStatus.SIGNING, content="Giao ước thi đua.")
        objects[relation]["cluster"] = cluster
        objects[relation]["covenant"] = covenant
    # The subtree unit belongs to its Sở's cluster through the Sở; the peer shares the actor's cluster.
    objects["subtree"]["cluster"], objects["subtree"]["covenant"] = clusters["own"], objects["own"]["covenant"]
    objects["peer"]["cluster"], objects["peer"]["covenant"] = clusters["own"], objects["own"]["covenant"]

    own = units["own"]
    actors = {label: make_user(f"mt-{index}", own, role) for index, (label, role) in enumerate(ROLES.items())}
    own_council = objects["own"]["session"].council
    own_council.members.add(actors["thành viên hội đồng"], actors["thư ký hội đồng"])
    return {"units": units, "clusters": clusters, "objects": objects, "actors": actors}
