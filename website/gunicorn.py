"""gunicorn settings: ``gunicorn -c python:website.gunicorn website.wsgi`` (see README, Deploy)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# Large uploads (50 MB slides) and the province-wide PDFs take longer than the default 30 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = "-"


def post_worker_init(worker):
    # Imported here: gunicorn reads this file before the worker has set Django up.
    from reports.render import warm_up

    warm_up()
