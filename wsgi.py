"""WSGI entry point: gunicorn wsgi:app, flask --app wsgi ..."""

from workshop import create_app

app = create_app()
