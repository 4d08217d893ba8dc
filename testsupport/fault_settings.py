"""The app's settings, with the faults of ``testsupport.faults`` switched on:
``DJANGO_SETTINGS_MODULE=testsupport.fault_settings``."""

from config.settings import *  # noqa: F403
from config.settings import env

LIVE_EVENTS_RELAY = "testsupport.faults.PublishDroppingRelay"
LIVE_EVENTS_DROP_EVERY = env.int("LIVE_EVENTS_DROP_EVERY", 1)
