"""The "Thiết lập" page: every set-up screen a manager needs, with what is already set up in its scope and
what is missing, so that no step of a normal workflow needs the Django admin."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from awards.models import AwardKind, AwardRound
from awards.selectors import council_unit_choices, councils_visible_to
from campaigns.models import Indicator
from units.models import Cluster, Role, Unit
from units.scoping import assigned_units, is_system_admin

from .navigation import MANAGERS, _allowed, sits_on_a_council


@login_required
def setup_page(request):
    user = request.user
    if not _allowed(user, MANAGERS, lambda: sits_on_a_council(user)):
        raise PermissionDenied("Trang thiết lập dành cho cán bộ quản lý phong trào, thư ký Hội đồng và quản trị hệ thống.")
    today = timezone.localdate()
    managed = assigned_units(user, Role.CAMPAIGN_MANAGER)
    admin = is_system_admin(user)
    clusters = Cluster.objects.all() if admin else Cluster.objects.filter(organiser__in=managed)
    rounds = AwardRound.objects.filter(closes_on__gte=today)
    rounds = rounds if admin else rounds.filter(deciding_unit__in=managed)
    councils = councils_visible_to(user)
    missing_councils = list(council_unit_choices(user))
    items = [
        {
            "title": "Cụm, khối thi đua", "url": "units:cluster-list",
            "text": "Cụm, khối theo từng năm với đơn vị thành viên, đơn vị trưởng và đơn vị phó; một Sở lập khối của các phòng, Chi cục trực thuộc.",
            "status": f"{clusters.count()} cụm, khối do đơn vị tổ chức.",
        },
        {
            "title": "Hội đồng Thi đua - Khen thưởng", "url": "awards:council-list",
            "text": "Chủ tịch, thư ký, các thành viên và quy chế bỏ phiếu của Hội đồng; cần có trước khi mở đợt xét.",
            "status": (f"Chưa có Hội đồng: {', '.join(u.name for u in missing_councils[:3])}." if missing_councils
                       else f"{councils.count()} Hội đồng trong phạm vi."),
            "warning": bool(missing_councils),
        },
        {
            "title": "Đợt xét khen thưởng", "url": "awards:round-list",
            "text": "Đợt xét hằng năm, theo chuyên đề (tổng kết phong trào) và đột xuất; sửa được đến khi có hồ sơ đưa ra Hội đồng.",
            "status": f"{rounds.count()} đợt xét đang hoặc sắp nhận hồ sơ.",
        },
        {
            "title": "Danh mục khen thưởng", "url": "awards:catalogue",
            "text": "Danh hiệu, hình thức, người tặng, tên in trên bằng, cách xét điều kiện, điều khoản, hệ số tiền thưởng; kể cả khen thưởng của cơ quan ngoài ngành (Thủ tướng, Chủ tịch UBND tỉnh).",
            "status": f"{AwardKind.objects.filter(owner__in=managed).count()} danh hiệu, hình thức riêng của đơn vị; {AwardKind.objects.filter(owner__isnull=True).count()} của ngành.",
        },
        {
            "title": "Danh mục chỉ tiêu", "url": "campaigns:indicator-list",
            "text": "Đơn vị tính, loại và chiều đánh giá: càng cao càng tốt, càng thấp càng tốt (xếp hạng ≤ 5), đúng mức đăng ký hoặc mốc hoàn thành.",
            "status": f"{Indicator.objects.filter(owner__in=managed).count()} chỉ tiêu riêng của đơn vị; {Indicator.objects.filter(owner__isnull=True).count()} chỉ tiêu chung.",
        },
        {
            "title": "Cơ quan ngoài ngành", "url": "units:external-list",
            "text": "Chính phủ, Thủ tướng, các Bộ, UBND và Tỉnh ủy: ban hành chỉ thị, kế hoạch mà phong trào hưởng ứng và quyết định khen thưởng; không có tài khoản.",
            "status": f"{Unit.objects.external().filter(is_active=True).count()} cơ quan đang hoạt động.",
        },
        {
            "title": "Sổ văn bản đến", "url": "documents:incoming-list",
            "text": "Chỉ thị, kế hoạch của cấp trên không triển khai trên hệ thống: vào sổ để phong trào của đơn vị hưởng ứng và in đúng căn cứ.",
            "status": "Văn thư hoặc cán bộ thi đua của đơn vị vào sổ.",
        },
    ]
    return render(request, "thidua/setup.html", {
        "items": items, "is_admin": admin,
    })
