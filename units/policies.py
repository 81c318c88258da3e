"""Who may set up the organisation's clusters and blocks (cụm, khối thi đua).

The Ministry's campaign managers keep the sector's clusters; a unit's managers (a Sở's, a Cục's) keep the
blocks it organises, whose members are all inside its own subtree: a Sở's phòng and Chi cục, for instance.
One function per action, as in the other apps: the page reads ``allowed(...)``, the service ``ensure(...)``s.
"""

from __future__ import annotations

from common.policies import Refusal, deny, invalid

from .models import Cluster, Role
from .scoping import has_role, holds_for_sector, is_system_admin


def keeps_sector_clusters(user) -> bool:
    return is_system_admin(user) or holds_for_sector(user, Role.CAMPAIGN_MANAGER)


def organise_cluster_refusal(user, organiser) -> Refusal | None:
    """Clusters are set up by the campaign managers of the unit that organises them (or the Ministry's)."""
    if organiser is None:
        return invalid("Chọn đơn vị tổ chức cụm, khối.", "no_organiser")
    if keeps_sector_clusters(user) or has_role(user, Role.CAMPAIGN_MANAGER, organiser):
        return None
    return deny("Chỉ cán bộ quản lý phong trào của đơn vị tổ chức được lập, sửa cụm, khối thi đua này.")


def edit_cluster_refusal(user, cluster: Cluster) -> Refusal | None:
    return organise_cluster_refusal(user, cluster.organiser)


def cluster_members_refusal(user, cluster: Cluster, units) -> Refusal | None:
    """Outside the sector's managers, a block holds only units inside its organiser's own subtree."""
    if keeps_sector_clusters(user):
        return None
    outside = [unit.name for unit in units if not unit.path.startswith(cluster.organiser.path)]
    if outside:
        return invalid(
            f"Chỉ chọn đơn vị trực thuộc {cluster.organiser.name}; cụm, khối gồm đơn vị ngoài phạm vi do Bộ lập: {'; '.join(outside)}.",
            "outside",
        )
    return None
