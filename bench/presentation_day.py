"""Presentation day under load: `make bench-day` (figures go to docs/performance.md).

Starts a throwaway PostgreSQL (or uses DATABASE_URL) and gunicorn on 127.0.0.1, seeds a campaign
with 30 shortlisted achievements and 50 judges, then replays the day: for each presentation the
console moves on, every judge saves drafts and submits a sheet, while the console and the
projector poll. Reports p50/p95/p99 per endpoint and the errors, then checks the database: every
sheet stored once, with the last points each judge sent.
"""

import http.client
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BASE = Path(__file__).resolve().parent.parent
JUDGES, PRESENTATIONS, DRAFTS = 50, 30, 3
PORT = int(os.environ.get("BENCH_PORT", "8931"))
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "54391"))


def start_postgres(workdir: Path) -> str:
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    data = workdir / "pg"
    data.mkdir()
    shutil.chown(workdir, "postgres")
    shutil.chown(data, "postgres")
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [
            *run_as,
            str(pg_bin / "initdb"),
            "-D",
            str(data / "d"),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--locale=C.UTF-8",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            str(pg_bin / "pg_ctl"),
            "-D",
            str(data / "d"),
            "-l",
            str(data / "log"),
            "-w",
            "-o",
            f"-c listen_addresses=127.0.0.1 -c port={PG_PORT} -c unix_socket_directories={data} -c fsync=off -c max_connections=200",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            str(pg_bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "bench",
        ],
        check=True,
    )
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/bench", lambda: subprocess.run(
        [*run_as, str(pg_bin / "pg_ctl"), "-D", str(data / "d"), "-m", "fast", "stop"],
        capture_output=True,
    )


def main():
    workdir = Path(tempfile.mkdtemp(prefix="qc-day-"))
    stop_pg = lambda: None  # noqa: E731
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url, stop_pg = start_postgres(workdir)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "website.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=BASE, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env={**env, "DJANGO_STATIC_ROOT": str(workdir / "static")},
        check=True,
    )
    seeded = subprocess.run(
        [python, str(BASE / "bench" / "day_seed.py"), str(JUDGES), str(PRESENTATIONS)],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    sessions = [line.split() for line in seeded.stdout.split("\n") if line.startswith("session ")]
    gunicorn = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "website.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "4",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=BASE,
        env={**env, "DJANGO_STATIC_ROOT": str(workdir / "static")},
    )
    try:
        time.sleep(3)
        replay(sessions)
        check = subprocess.run(
            [python, str(BASE / "bench" / "day_seed.py"), "check"],
            cwd=BASE,
            env=env,
            capture_output=True,
            text=True,
        )
        print(check.stdout.strip() or check.stderr.strip())
    finally:
        gunicorn.terminate()
        gunicorn.wait()
        stop_pg()
        shutil.rmtree(workdir, ignore_errors=True)


TIMES: dict = {}
ERRORS: dict = {}
LOCK = threading.Lock()


def request(name, method, path, cookies, body=None, csrf=None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = csrf
        headers["Referer"] = f"http://127.0.0.1:{PORT}/"
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        connection.request(
            method, path, body=urlencode(body) if body is not None else None, headers=headers
        )
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    with LOCK:
        TIMES.setdefault(name, []).append(elapsed)
        if status >= 400 or status == 0:
            ERRORS[name] = ERRORS.get(name, 0) + 1
    return status


def judge_work(judge, pk, criteria_ids):
    """A judge's tablet saves a draft every few seconds while they score (time compressed: a
    20-minute slot becomes about ten seconds), then submits."""
    rng = random.Random(f"{judge[2]}-{pk}")
    cookies = {"sessionid": judge[2], "csrftoken": judge[3]}
    time.sleep(rng.uniform(0, 2))
    for draft in range(DRAFTS):
        points = {f"criterion-{c}": str(5 + draft) for c in criteria_ids}
        request("save draft", "POST", f"/judging/sheets/{pk}/draft/", cookies, points, judge[3])
        time.sleep(rng.uniform(2, 4))
    final = {f"criterion-{c}": "9" for c in criteria_ids}
    request("submit sheet", "POST", f"/judging/sheets/{pk}/submit/", cookies, final, judge[3])


def replay(sessions):
    staff = next(s for s in sessions if s[1] == "staff")
    judges = [s for s in sessions if s[1] == "judge"]
    entries = [s for s in sessions if s[1] == "entry"]
    criteria = {s[2]: s[3].split(",") for s in sessions if s[1] == "criteria"}
    token = next(s[2] for s in sessions if s[1] == "projector")
    staff_cookies = {"sessionid": staff[2], "csrftoken": staff[3]}
    done = threading.Event()

    def poller(name, path, cookies):
        while not done.is_set():
            request(name, "GET", path, cookies)
            time.sleep(1)

    pollers = [
        threading.Thread(
            target=poller, args=("console state", "/judging/console/state/", staff_cookies)
        ),
        threading.Thread(
            target=poller, args=("projector state", f"/judging/screen/{token}/state/", {})
        ),
    ]
    for thread in pollers:
        thread.start()
    request(
        "console step",
        "POST",
        "/judging/console/step/",
        staff_cookies,
        {"action": "start"},
        staff[3],
    )
    started = time.perf_counter()
    for entry in entries:
        pk, topic_type = entry[2], entry[3]

        threads = [
            threading.Thread(target=judge_work, args=(judge, pk, criteria[topic_type]))
            for judge in judges
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        request(
            "console step",
            "POST",
            "/judging/console/step/",
            staff_cookies,
            {"action": "next"},
            staff[3],
        )
    elapsed = time.perf_counter() - started
    done.set()
    for thread in pollers:
        thread.join()
    print(f"replayed {PRESENTATIONS} presentations with {JUDGES} judges in {elapsed:.0f} s")
    print("| endpoint | requests | p50 | p95 | p99 | errors |")
    print("|---|---|---|---|---|---|")
    for name, times in sorted(TIMES.items()):
        q = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        print(
            f"| {name} | {len(times)} | {q[49]:.0f} ms | {q[94]:.0f} ms | {q[98]:.0f} ms | {ERRORS.get(name, 0)} |"
        )


if __name__ == "__main__":
    main()
