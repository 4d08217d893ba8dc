"""The app's own settings, plus one route only benchmarks have: the ceiling."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
