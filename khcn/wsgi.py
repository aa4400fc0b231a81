"""
WSGI config for khcn project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

from khcn.serving import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")

application = get_wsgi_application()
settle()  # load every view now and freeze the start-up objects
