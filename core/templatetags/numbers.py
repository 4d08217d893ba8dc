"""``{{ a|minus:b }}``: Django's ``add`` takes only numbers written in the template."""

from django import template

register = template.Library()


@register.filter
def minus(value: int, other: int) -> int:
    return value - other
