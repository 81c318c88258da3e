"""Settings package: ``base`` is the embedded default; ``production`` and ``test`` extend it."""

from .base import *  # noqa: F401,F403
