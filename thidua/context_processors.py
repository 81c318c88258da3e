from units.scoping import get_scope

from .navigation import frame_facts, nav_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = get_scope(user)
    roles = sorted({a.get_role_display() for a in scope.assignments})
    facts = frame_facts(user)
    return {"nav_items": nav_for(user, seat=facts["seat"]), "user_roles": roles, "unread_notifications": facts["unread"]}
