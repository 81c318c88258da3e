"""The organisation of the sector: units, clusters, persons, accounts, roles, the audit trail and notices.
One module per area; every name is re-exported here."""

from .accounts import Role, RoleAssignment, RoleAssignmentQuerySet, RoleScope, User
from .audit import AuditEvent
from .clusters import Cluster, ClusterKind, ClusterMembership, ClusterQuerySet, ClusterRole
from .notifications import Notification
from .organisation import LABEL_SEPARATOR, PATH_STEP, Unit, UnitKind, UnitQuerySet, compose_label
from .persons import Gender, Person, PersonQuerySet

__all__ = [
    "AuditEvent",
    "Cluster",
    "ClusterKind",
    "ClusterMembership",
    "ClusterQuerySet",
    "ClusterRole",
    "Gender",
    "LABEL_SEPARATOR",
    "Notification",
    "PATH_STEP",
    "Person",
    "PersonQuerySet",
    "Role",
    "RoleAssignment",
    "RoleAssignmentQuerySet",
    "RoleScope",
    "Unit",
    "UnitKind",
    "UnitQuerySet",
    "User",
    "compose_label",
]
