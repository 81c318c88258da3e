from django import template

from units.extensions import page_links as _page_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_links(context, page, obj):
    """The links other apps registered for this page (see ``units.extensions``)."""
    return _page_links(page, obj, context["request"].user)
