"""gunicorn's settings for Protocolwijzer in production.

``scripts/serve`` uses it; a hosting partner who runs gunicorn themselves gets the same
with ``gunicorn -c python:protocolwijzer.gunicorn_conf protocolwijzer.wsgi:application``.
Every value can be changed through a ``PW_*`` variable (the list is in settings.py's
docstring), or on gunicorn's command line after ``-c``.
"""

from __future__ import annotations

import os

from protocolwijzer.settings import env_int, env_str

_cores = os.cpu_count() or 1

# Behind a reverse proxy on the same host by default; PW_BIND for a socket or another
# interface (a container: 0.0.0.0:8000).
bind = [env_str("PW_BIND") or f"127.0.0.1:{env_int('PW_PORT', 8000)}"]
# gunicorn's rule of thumb, capped: a worker is about 70-80 MB resident, half of it
# shared with the others (the app is loaded before forking).
workers = env_int("PW_WORKERS", min(2 * _cores + 1, 8))
threads = env_int("PW_THREADS", 2)
worker_class = "gthread"
# A photo check takes a few seconds at most; a worker stuck longer is restarted.
timeout = env_int("PW_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# Import the application once, before forking: workers share its memory and a broken
# configuration stops the start instead of every worker.
preload_app = True
# Which proxies may tell gunicorn the client's scheme (X-Forwarded-Proto). Django reads
# the header itself only with PW_BEHIND_PROXY=true (settings.SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = env_str("PW_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# A heartbeat file per worker: in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108 # gunicorn's advice
# gunicorn 25+ opens a control socket in $HOME by default; nothing here uses it.
control_socket_disable = True

# Logs: errors to stderr, the access log to stdout, both picked up by systemd's journal or
# the container runtime. The access logger hides tokens, query strings and cookies
# (protocolwijzer/logs.py); the client address stays, for abuse investigations.
_access_log = env_str("PW_ACCESS_LOG", "-")
accesslog = None if _access_log == "off" else _access_log
errorlog = "-"
loglevel = "info"
logger_class = "protocolwijzer.logs.AccessLogger"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
proc_name = "protocolwijzer"
