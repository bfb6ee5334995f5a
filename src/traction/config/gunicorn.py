"""Gunicorn's configuration for production, read from the same environment as the settings.

    gunicorn -c python:traction.config.gunicorn traction.config.wsgi

Every variable is listed in docs/settings.md (a test checks). Static files are served by whitenoise from
the workers themselves, so nothing else needs to run beside gunicorn except the background worker
(``manage.py db_worker``, its own process: see docs/deployment.md).
"""

from __future__ import annotations

import os

bind = os.environ.get("TRACTION_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("TRACTION_WEB_WORKERS", "4"))
# Exports and reports (PDF, spreadsheets) are the slowest pages; past this a worker is killed and restarted.
timeout = int(os.environ.get("TRACTION_WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Recycle each worker now and then (staggered), so slow growth of a process's memory never accumulates.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("TRACTION_LOG_LEVEL", "INFO").lower()
proc_name = "traction-web"
