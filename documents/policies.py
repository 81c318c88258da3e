"""Who may sign which signature block, and under which title (one predicate per action).

Views read these for the buttons they show; services enforce the same predicates.
"""

from __future__ import annotations

from units.models import Role, Unit, User
from units.scoping import has_any_role, has_role

from .models import DocumentSigner, OfficialDocument, SigningPosition


def signing_position(user: User, unit: Unit) -> SigningPosition | None:
    """The account's active signing position for an issuer, if declared."""
    return SigningPosition.objects.filter(user=user, unit=unit, is_active=True).first()


def can_sign_block(user: User, block: DocumentSigner) -> bool:
    """A block given to an account is signed by that account only; a meeting role (minutes: chair,
    secretary) needs no signer role; any other block is signed by a leader holding the signer role."""
    if block.signed_at is not None:
        return False
    if block.account_id is not None:
        if block.account_id != user.pk:
            return False
        return bool(block.meeting_role) or has_role(user, Role.SIGNER, block.unit)
    return has_role(user, Role.SIGNER, block.unit)


def can_return(user: User, document: OfficialDocument) -> bool:
    """A leader of an issuer, or an account given a block, may return a submitted document to draft."""
    blocks = list(document.signers.all())
    if any(block.account_id == user.pk for block in blocks):
        return True
    return any(has_role(user, Role.SIGNER, unit) for unit in document.ordered_issuers())


def register_incoming_refusal(user: User, unit: Unit):
    """The unit's records clerk or campaign manager registers what it receives (a successor, for a merged unit)."""
    from common.policies import deny

    if not has_any_role(user, (Role.CLERK, Role.CAMPAIGN_MANAGER), unit):
        return deny("Chỉ văn thư hoặc cán bộ thi đua của đơn vị được vào sổ văn bản đến.")
    return None


# Those who work on an issuer's documents; a viewer reads them but does not set workers rendering.
WORKING_ROLES = (Role.CAMPAIGN_MANAGER, Role.CLERK, Role.SIGNER, Role.COUNCIL_SECRETARY, Role.UNIT_OFFICER, Role.SYSTEM_ADMIN)


def preview_refusal(user: User, document: OfficialDocument):
    """A draft's preview PDF is asked for by someone who works on it: a role of one of its issuers
    (not a viewer's), or the account a signature block was given to."""
    from common.policies import deny

    if document.signers.filter(account=user).exists():
        return None
    if any(has_any_role(user, WORKING_ROLES, unit) for unit in document.ordered_issuers()):
        return None
    return deny("Tài khoản chỉ được xem văn bản này, không được yêu cầu tạo bản xem trước.")
