"""gunicorn settings for Chendian's web processes (`gunicorn -c deploy/gunicorn.conf.py website.wsgi`).

Tune with environment variables; the defaults suit a 2-core machine.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Threads overlap database and cache round trips; processes use the cores.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Pages answer in well under a second; a stuck request is killed after this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Restart workers now and then so that a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
