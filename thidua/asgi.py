"""The ASGI application (``uvicorn thidua.asgi:application``).

Debug pages are never served by default: ``DEBUG`` is off unless the environment sets it, and the
development server (``make run``) is the only place that sets it.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "false")

application = get_asgi_application()
