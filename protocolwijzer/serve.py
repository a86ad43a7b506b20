"""The production start: ``scripts/serve`` (or ``python -m protocolwijzer.serve``).

In order, stopping at the first problem with a message that names it:

1. refuse a configuration that is not fit for real people's data: no ``PW_SECRET_KEY``,
   no ``PW_ALLOWED_HOSTS``, a ``PW_SITE_URL`` that is not an https address of a real host
   (parents receive links to it), or ``PW_DEBUG`` on;
2. ``migrate`` (an upgrade needs nothing else: the new code migrates on its first start);
3. ``collectstatic`` (WhiteNoise then serves the files with hashed names);
4. ``check --deploy``, failing on warnings too;
5. replace this process with gunicorn, configured by ``protocolwijzer.gunicorn_conf``;
   with ``PW_REDIS_URL``, run gunicorn and the task worker (``protocolwijzer manage
   rqworker default media``) side by side instead: a signal to this process (systemd's stop, a
   container's stop, Ctrl-C) goes to both, and when either stops on its own the other is
   stopped too and this process exits with an error, so the service manager restarts both.

Arguments after ``--`` go to gunicorn as they are (``scripts/serve -- --workers 3``).
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

EXIT_REFUSED = 2


def configuration_problems(environ: dict[str, str] | os._Environ[str]) -> list[str]:
    """What is missing for a production start, one sentence per problem."""
    from protocolwijzer.settings import env_bool, env_secret

    problems = []
    if env_bool("PW_DEBUG", False):
        problems.append("PW_DEBUG is on: debug mode shows code and settings to anyone who "
                        "meets an error. Remove it or set PW_DEBUG=false.")
    if not env_secret("PW_SECRET_KEY"):
        problems.append("PW_SECRET_KEY (or PW_SECRET_KEY_FILE) is not set. Generate one "
                        "with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'")
    if not environ.get("PW_ALLOWED_HOSTS", "").strip():
        problems.append("PW_ALLOWED_HOSTS is not set: name the host names the site is "
                        "reached by, such as protocolwijzer.example.nl.")
    site_url = environ.get("PW_SITE_URL", "").strip()
    parts = urlsplit(site_url)
    if not site_url:
        problems.append("PW_SITE_URL is not set: it is the address in the links that "
                        "parents and staff receive by mail, such as "
                        "https://protocolwijzer.example.nl.")
    elif parts.scheme != "https" or not parts.hostname:
        problems.append(f"PW_SITE_URL={site_url} is not an https:// address; links to "
                        "consent pages carry a secret and must travel encrypted.")
    elif _is_loopback(parts.hostname):
        problems.append(f"PW_SITE_URL={site_url} points at this machine itself; mailed "
                        "links would not work anywhere else.")
    return problems


def _is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine itself (or no machine: 0.0.0.0, ::), so that a
    link to it works nowhere else."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


WILDCARD_HOSTS = ("0.0.0.0", "::", "[::]", "")  # nosec B104 # compared with, never bound


def development_site_url(host: str, port: int | str) -> tuple[str, str]:
    """The address links should carry when ``scripts/start`` serves on ``host``:``port``,
    and the host name Django must accept for it (``PW_ALLOWED_HOSTS``).

    Serving on every interface (0.0.0.0) is how one tries the app from a phone on the same
    network, so the links then name this machine's own network address, which the phone
    can reach; a loopback address would only work on this machine.
    """
    if host in WILDCARD_HOSTS:
        host = _own_network_address() or "127.0.0.1"
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}", shown


def _own_network_address() -> str | None:
    """This machine's first IPv4 address that is not a loopback one, looked up by its own
    host name (no packet leaves the machine)."""
    import socket

    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = str(info[4][0])
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--development-site-url"] and len(argv) == 3:
        # For scripts/start: the address and the host to allow, one per line.
        print("\n".join(development_site_url(argv[1], argv[2])))
        return 0
    gunicorn_args = argv[argv.index("--") + 1:] if "--" in argv else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")
    problems = configuration_problems(os.environ)
    if problems:
        print("serve: Protocolwijzer does not start in production with this "
              "configuration:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("See docs/operations.md.", file=sys.stderr)
        return EXIT_REFUSED

    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    django.setup()
    print("serve: migrating the database", file=sys.stderr, flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    print("serve: collecting static files", file=sys.stderr, flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        call_command("check", deploy=True, fail_level="WARNING")
    except SystemCheckError as exc:
        print(f"serve: `protocolwijzer manage check --deploy` found problems:\n{exc}",
              file=sys.stderr)
        return EXIT_REFUSED

    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) \
        or shutil.which("gunicorn")
    if gunicorn is None:
        print("serve: gunicorn is not installed; run scripts/setup.", file=sys.stderr)
        return EXIT_REFUSED
    web = [gunicorn, "--config", "python:protocolwijzer.gunicorn_conf", *gunicorn_args,
           "protocolwijzer.wsgi:application"]
    sys.stdout.flush()
    from django.conf import settings

    if not settings.REDIS_URL:
        print("serve: starting gunicorn", file=sys.stderr, flush=True)
        os.execv(gunicorn, web)
    print("serve: starting gunicorn and the task worker", file=sys.stderr, flush=True)
    # Both queues: mail ("default") and the checker's photo and video jobs ("media").
    return run_side_by_side(web, [sys.executable, "-m", "protocolwijzer.cli", "manage",
                                  "rqworker", "default", "media"])


def run_side_by_side(web: list[str], worker: list[str]) -> int:
    """Runs gunicorn and the task worker until a signal stops both (exit 0) or one of them
    stops by itself (the other is stopped; exit 1, or its own exit code)."""
    children = {"gunicorn": subprocess.Popen(web), "task worker": subprocess.Popen(worker)}
    stopping = False

    def forward(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = stopping or signum != signal.SIGHUP
        for name, child in children.items():
            # SIGHUP reloads gunicorn's configuration; RQ's worker would only stop on it.
            if child.poll() is None and (signum != signal.SIGHUP or name == "gunicorn"):
                child.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, forward)
    pid, status = os.wait()  # the first child to stop
    first = next(name for name, child in children.items() if child.pid == pid)
    code = os.waitstatus_to_exitcode(status)
    children[first].returncode = code
    if not stopping:
        print(f"serve: the {first} stopped (exit code {code}); stopping the rest, so the "
              "service manager can restart both.", file=sys.stderr, flush=True)
    for child in children.values():
        # After a forwarded signal every child has it already: a second SIGTERM would turn
        # the task worker's warm shutdown into a cold one, cut off while it signs off.
        if child.poll() is None and not stopping:
            child.terminate()
    for child in children.values():
        try:
            child.wait(timeout=40)  # gunicorn's graceful timeout is 30 s
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0 if stopping else (code or 1)


if __name__ == "__main__":
    sys.exit(main())
