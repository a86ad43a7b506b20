"""Requests per second and p95 of the checker under 20 concurrent users, on localhost.

Starts its own server — gunicorn with the production settings on a fresh SQLite database
with the demo data, on 127.0.0.1 — and runs locust headless against it for a bounded time
per kind of user (bench/_locust_users.py). Baseline: the text-only ``POST /api/v1/checks``;
the checker page is also given against ``POST /api/v1/checks`` with a photo described.

Every kind of user runs ``PW_LOAD_ROUNDS`` times (default 3), in turn, for
``PW_LOAD_SECONDS`` each (default 15), after an unmeasured warm-up of each; the figures
are the medians of the rounds.
``PW_LOAD_SCENARIOS`` says which kinds run (comma-separated). Only loopback traffic; the
run stops by itself.
"""

from __future__ import annotations

import csv
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

USERS = 20
SECONDS = int(os.environ.get("PW_LOAD_SECONDS", "15"))
ROUNDS = int(os.environ.get("PW_LOAD_ROUNDS", "3"))
WARM_UP_SECONDS = 8
SCENARIOS = tuple(os.environ.get("PW_LOAD_SCENARIOS", "ApiTextCheck,ApiMediaCheck,CheckerPage")
                  .split(","))
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "protocolwijzer"), "manage", *args], env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        port = free_port()
        env = {**os.environ, "PW_DATA_DIR": data_dir, "PW_DEBUG": "false",
               "PW_SECRET_KEY": secrets.token_urlsafe(50), "PW_SECURE_COOKIES": "false",
               "PW_ALLOWED_HOSTS": "127.0.0.1"}
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")  # WhiteNoise's manifest
        manage(env, "load_demo", "--verbosity", "0")
        # A teacher: no second factor, so locust can sign in with the password alone.
        email = manage(env, "shell", "--no-imports", "-c", (
            "from protocolwijzer.schools.models import Person; "
            "print(Person.objects.filter(role='medewerker', "
            "school__slug='basisschool-de-wilgenhoek').first().user.email)")).strip()
        token_output = manage(env, "create_api_token", "--user", email, "--name", "load",
                              "--scope", "read", "--scope", "check")
        token = next(word for word in token_output.split() if word.startswith("pw_"))

        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "protocolwijzer.wsgi:application", "--workers", "2",
             "--threads", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/protocollen/")
            # Rounds of every kind of user in turn: the machine is shared, and a burst of
            # other work during one kind's only run would make its figure alone worse.
            rounds: dict[str, list[tuple[float, float, int, int]]] = {
                scenario: [] for scenario in SCENARIOS}
            locust_env = env | {"PW_LOAD_TOKEN": token, "PW_LOAD_EMAIL": email,
                                "PW_LOAD_PASSWORD": "demo-wachtwoord-2026",
                                "PW_LOAD_USERS": str(USERS)}
            for scenario in SCENARIOS:  # unmeasured: every worker loads what it needs
                run_locust(scenario, port, locust_env, WARM_UP_SECONDS)
            for _round in range(ROUNDS):
                for scenario in SCENARIOS:
                    result = run_locust(scenario, port, locust_env, SECONDS)
                    if result is None:
                        raise SystemExit(f"{scenario} made no measured request in {SECONDS} s")
                    rounds[scenario].append(result)
        finally:
            server.terminate()
            server.wait(timeout=20)

    results = {scenario: (statistics.median(r[0] for r in runs),
                          statistics.median(r[1] for r in runs),
                          sum(r[2] for r in runs), sum(r[3] for r in runs))
               for scenario, runs in rounds.items()}
    base_rps, base_p95 = results.get("ApiTextCheck", next(iter(results.values())))[0:2]
    print(f"load_checker: {USERS} users, {ROUNDS} rounds of {SECONDS} s per kind of user "
          f"(medians of the rounds), gunicorn 2 workers x 2 threads, 2 cores shared with "
          f"locust")
    for scenario, (rps, p95, requests, failures) in results.items():
        print(f"  {scenario:<14} {rps:7.1f} req/s  p95 {p95:6.0f} ms  "
              f"({requests} requests, {failures} failures)  "
              f"ratio to text-only: {rps / base_rps:.2f}x req/s, {p95 / base_p95:.2f}x p95  "
              f"(p95 per round: {', '.join(f'{r[1]:.0f}' for r in rounds[scenario])})")
    if "CheckerPage" in rounds and "ApiMediaCheck" in rounds:
        # Issue 11: the page posting a photo against the API with a photo described.
        ratios = [page[1] / api[1] for page, api in zip(rounds["CheckerPage"],
                                                         rounds["ApiMediaCheck"], strict=True)]
        print(f"  checker page p95 / API with a photo described p95: "
              f"{statistics.median(ratios):.2f}x (per round: "
              f"{', '.join(f'{r:.2f}x' for r in ratios)})")


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # nosec B310 # our own http:// URL
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not start: {url}")


def run_locust(scenario: str, port: int, env: dict[str, str],
               seconds: int) -> tuple[float, float, int, int] | None:
    with tempfile.TemporaryDirectory() as out:
        prefix = Path(out) / "stats"
        subprocess.run([str(BIN / "locust"), "-f", str(HERE / "_locust_users.py"), scenario,
                        "--headless", "--users", str(USERS), "--spawn-rate", str(USERS),
                        "--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
                        "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR",
                        "--stop-timeout", "5"],
                       env=env, capture_output=True, text=True, check=False, timeout=seconds + 90)
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = {row["Name"]: row for row in csv.DictReader(handle)}
        with open(f"{prefix}_failures.csv", newline="") as handle:
            for failure in csv.DictReader(handle):  # why requests failed, if any did
                print(f"  {scenario}: {failure['Occurrences']} x {failure['Method']} "
                      f"{failure['Name']}: {failure['Error'][:200]}")
    # The measured request: the check itself, not the sign-in or the form's GET.
    name = {"ApiTextCheck": "POST /checks text", "ApiMediaCheck": "POST /checks media",
            "CheckerPage": "POST /check/ with photo"}[scenario]
    row = rows.get(name)
    if row is None:
        return None
    return (float(row["Requests/s"]), float(row["95%"]), int(row["Request Count"]),
            int(row["Failure Count"]))


if __name__ == "__main__":
    main()
