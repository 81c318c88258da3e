"""Links that higher apps put on the pages of units and persons.

``units`` imports no higher app: ``awards`` (for instance) registers "Lịch sử khen thưởng" here from
its ``AppConfig.ready``, and the unit page shows whatever is registered.
"""

from collections.abc import Callable

PAGES = ("unit", "person")
_registry: dict[str, list[Callable]] = {page: [] for page in PAGES}


def register_page_link(page: str, link: Callable) -> None:
    """``link(obj, user)`` returns ``(label, url)`` or None."""
    if link not in _registry[page]:
        _registry[page].append(link)


def page_links(page: str, obj, user) -> list[dict]:
    links = []
    for link in _registry[page]:
        found = link(obj, user)
        if found:
            links.append({"label": found[0], "url": found[1]})
    return links


# --- The to-do list ("Việc cần làm") -------------------------------------------------------------

_todo_providers: list[Callable] = []


def register_todo(provider: Callable) -> None:
    """``provider(user)`` returns a list of ``{"label", "count", "url"}`` for the account's own next steps."""
    if provider not in _todo_providers:
        _todo_providers.append(provider)


def todo_items(user) -> list[dict]:
    """Every app's waiting items for the account, those with something to do first."""
    items = []
    for provider in _todo_providers:
        items.extend(item for item in provider(user) if item.get("count"))
    return items


# A higher app may settle a cluster's members for a year (a covenant signed by them): the cluster screens
# then refuse to change them. ``guard(cluster, year)`` returns the reason, or None.
_membership_guards: list[Callable] = []


def register_membership_guard(guard: Callable) -> None:
    if guard not in _membership_guards:
        _membership_guards.append(guard)


def membership_settled(cluster, year: int) -> str | None:
    for guard in _membership_guards:
        reason = guard(cluster, year)
        if reason:
            return reason
    return None
