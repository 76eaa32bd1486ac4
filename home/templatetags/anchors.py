"""{{ heading|anchor }}: the id of a section heading, the same one the contents box links to (home.pages.anchor)."""

from django import template

from home.pages import anchor as make_anchor

register = template.Library()


@register.filter
def anchor(value) -> str:
    return make_anchor(value)
