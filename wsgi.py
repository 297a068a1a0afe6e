"""WSGI entry point: gunicorn wsgi:app, flask --app wsgi ..."""

import gc

from workshop import create_app

app = create_app()
# What the app made at start lives as long as the process: the collector stops walking it,
# and collects young objects less often (a voting room allocates a few per event; the
# default threshold of 700 made collections a tenth of the process's time at 2,000 phones).
gc.freeze()
gc.set_threshold(20_000, 20, 20)
