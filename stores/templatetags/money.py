"""``{{ amount|won }}``: ``core.money.won`` in templates."""

from django import template

from core import money

register = template.Library()

register.filter("won", money.won)
