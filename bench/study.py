"""Study benchmark: `miles usage` on 100 000 statements, and how fast a local Ralph takes them in.

1. Generates 100 000 statements shaped as the study script makes them: 140 participants over
   12 months (page views with durations, scenarios with choices, checklists, planner, search).
2. Serves them from a minimal xAPI endpoint in this process (pages of 1000 with 'more' links,
   answered from memory, so that the figure is the cost of `miles usage` itself) and runs
   `miles usage` against it in a separate process: wall time and peak memory (max RSS).
   Then the same from the statements.jsonl backup (--from-jsonl), without HTTP.
3. Starts Ralph (file backend, .venv-lrs) and posts statements in batches of 25, as the
   browser does: statements per second, early and late (the file backend reads its whole
   file for every POST, so the rate falls as the file grows).

Targets: `miles usage` under 10 s and under 500 MB. Run: `.venv/bin/python bench/study.py`.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from miles_site.study import credentials as creds  # noqa: E402
from miles_site.study.lrs import LrsClient  # noqa: E402
from miles_site.study.lrs_server import start_ralph  # noqa: E402
from miles_site.study.vocabulary import ACTIVITY_TYPES, QUALITIES, VERBS, extension_iri  # noqa: E402
from support.lrs import free_port  # noqa: E402

SITE = "https://studie.example.org/"
TOTAL = 100_000
PARTICIPANTS = 140
PAGE = 1000
PHASES = ["melding", "behandeling", "plan-terugkeer", "terug-aan-het-werk", "als-het-anders-loopt"]
START = dt.datetime(2027, 1, 4, tzinfo=dt.UTC)


def make(rng: random.Random, who: str, when: dt.datetime, kind: str) -> dict[str, Any]:
    """Return one statement of ``kind``, as the study script would send it and Ralph store it."""
    phase = rng.choice(PHASES)
    account = {"name": who, "homePage": SITE}
    ext = {extension_iri(SITE, "phase"): phase}
    result: dict[str, Any] = {}
    verb, path, activity = "viewed", f"{phase}/pagina-{rng.randrange(12)}.html", "page"
    if kind == "view":
        result = {"duration": f"PT{rng.randrange(5, 600)}.{rng.randrange(100):02d}S"}
    elif kind == "choice":
        scene, index = f"s{rng.randrange(12)}", rng.randrange(3)
        verb, path, activity = (
            "answered",
            f"gesprekken/g{rng.randrange(6)}.html#scene-{scene}",
            "scene",
        )
        ext |= {extension_iri(SITE, "scene"): scene, extension_iri(SITE, "choice"): index}
        result = {
            "response": str(index),
            "extensions": {extension_iri(SITE, "quality"): rng.choice(QUALITIES)},
        }
    elif kind in ("attempted", "completed"):
        verb, path, activity = kind, f"gesprekken/g{rng.randrange(6)}.html", "scenario"
    elif kind == "opened":
        verb, path, activity = "opened", f"checklists/c{rng.randrange(11)}.html", "checklist"
    else:
        verb, path, activity = "interacted", "#zoeken", "search"
        ext[extension_iri(SITE, "action")] = kind
    statement: dict[str, Any] = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "actor": {"objectType": "Agent", "account": account},
        "verb": {"id": VERBS[verb][0], "display": {"en-US": VERBS[verb][1]}},
        "object": {"objectType": "Activity", "id": SITE + path,
                   "definition": {"type": ACTIVITY_TYPES[activity], "name": {"nl-NL": path}}},
        "context": {"platform": "MiLES studie-editie", "language": "nl-NL",
                    "revision": "v1 · 3fa9c2e1b0d4", "extensions": ext},
        "timestamp": when.isoformat().replace("+00:00", "Z"),
        "stored": when.isoformat().replace("+00:00", "Z"),
        "authority": {"objectType": "Agent", "account": account},
        "version": "1.0.0",
    }  # fmt: skip
    if result:
        statement["result"] = result
    return statement


def generate(total: int, seed: int = 7) -> list[dict[str, Any]]:
    """Generate ``total`` statements for 140 participants spread over 12 months."""
    rng = random.Random(seed)
    kinds = ["view"] * 70 + ["choice"] * 12 + ["attempted"] * 3 + ["completed"] * 2
    kinds += ["opened"] * 5 + ["print"] * 2 + ["planner"] * 2 + ["search"] * 4
    made = []
    for _ in range(total):
        who = f"MILES-{rng.randrange(PARTICIPANTS) + 1:03d}"
        when = START + dt.timedelta(seconds=rng.randrange(365 * 86400))
        made.append(make(rng, who, when, rng.choice(kinds)))
    return made


def serve(statements: list[dict[str, Any]]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the statements as an xAPI statements resource, in pages linked by 'more'."""
    pages = []
    for number, start in enumerate(range(0, len(statements), PAGE)):
        body: dict[str, Any] = {"statements": statements[start : start + PAGE]}
        if start + PAGE < len(statements):
            body["more"] = f"/xAPI/statements?page={number + 1}"
        pages.append(json.dumps(body).encode())

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = int(self.path.partition("page=")[2] or 0)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(pages[page])))
            self.end_headers()
            self.wfile.write(pages[page])

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/xAPI/"


def timed_usage(args: list[str], out: Path) -> tuple[float, float, float, str]:
    """Run `miles usage` in its own process; return wall and CPU seconds, peak MB, summary."""
    # Peak memory from the child's own VmHWM: ru_maxrss survives exec and would count the
    # bench process (which holds all statements) that forked the child.
    probe = (
        "import sys; sys.argv = ['miles', *sys.argv[1:]]\n"
        "from miles_site.cli import main\ntry:\n main()\nfinally:\n"
        " hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        " print(hwm.split()[1], file=sys.stderr)"
    )
    command = [sys.executable, "-c", probe, "usage", *args, "-o", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    return seconds, cpu, peak_mb, result.stdout.splitlines()[0]


def ralph_ingest(statements: list[dict[str, Any]], batch: int = 25) -> list[str]:
    """Post statements to a fresh Ralph in batches; return lines with the rates per 1000."""
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        people = [creds.Participant("MILES-001", 2, {})]
        users, pins = creds.make_credentials(people, SITE, rounds=4)
        (folder / "auth.json").write_text(json.dumps(users), encoding="utf-8")
        server = start_ralph(ROOT, port=free_port(), auth_file=folder / "auth.json",
                             data_dir=folder / "data", origins=[])  # fmt: skip
        try:
            client = LrsClient(server.endpoint, "MILES-001", pins["MILES-001"])
            mark, start = 0, time.perf_counter()
            for index in range(0, len(statements), batch):
                chunk = [dict(s) for s in statements[index : index + batch]]
                for s in chunk:
                    s.pop("authority"), s.pop("stored")
                client.post(chunk)
                done = index + batch
                if done % 1000 == 0:
                    seconds = time.perf_counter() - start
                    lines.append(
                        f"  statements {mark + 1:>5}-{done:>5}: {1000 / seconds:7.0f} per second"
                    )
                    mark, start = done, time.perf_counter()
            start = time.perf_counter()
            read = sum(len(page) for page in client.statement_pages())
            lines.append(f"  read back {read} statements (pages of 1000, own only): "
                         f"{time.perf_counter() - start:.2f} s")  # fmt: skip
        finally:
            server.stop()
    return lines


def main() -> None:
    """Print the figures."""
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
    start = time.perf_counter()
    statements = generate(TOTAL)
    print(f"generated {len(statements)} statements for {PARTICIPANTS} participants over 12 months "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    server, endpoint = serve(statements)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        args = ["--lrs", endpoint, "--user", "bench", "--password", "bench"]
        seconds, cpu, peak, summary = timed_usage(args, out / "http")
        print(
            f"miles usage over HTTP:  {seconds:5.2f} s wall, {cpu:5.2f} s CPU, peak {peak:4.0f} MB"
        )
        print(f"  ({summary})")
        backup = out / "http" / "statements.jsonl"
        seconds, cpu, peak, _ = timed_usage(["--from-jsonl", str(backup)], out / "jsonl")
        print(
            f"miles usage from jsonl: {seconds:5.2f} s wall, {cpu:5.2f} s CPU, peak {peak:4.0f} MB"
        )
        print("  (targets: under 10 s and under 500 MB)")
    server.shutdown()
    print("Ralph (file backend) taking in statements, batches of 25, one participant:")
    for line in ralph_ingest(statements[:5000]):
        print(line)


if __name__ == "__main__":
    main()
