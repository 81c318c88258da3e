"""Test settings: the base settings with a fast password hasher and no e-mail leaving."""

import os

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / str(os.getpid())
# The demo CA that seed_demo makes lives with the test run, never in the developer's var/.
THIDUA_SIGNING_DEMO_DIR = MEDIA_ROOT / "signing-demo"
THIDUA_SIGNING_TRUST_ROOTS: list[str] = []
AXES_ENABLED = True
PASSWORD_RESET_MIN_SECONDS = 0.0  # the timing test sets its own floor

# One process: local memory, whatever CELERY_BROKER_URL says (cache.clear() in a test must never
# flush a Redis database a broker uses). Tests of the shared cache start their own processes.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thidua-test"}}

# Tests run tasks in-process for determinism, whatever CELERY_BROKER_URL says; the
# integration tests start a real worker on the configured broker themselves.
CELERY_TASK_ALWAYS_EAGER = True

# SQLite tests use a file, not memory: threads and worker processes then share the database the way
# the embedded mode does (concurrent votes, a real Celery worker killed mid-render).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
