"""The servers and the load of `make bench`: app servers and nginx pinned to one core, wrk on the other."""

import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
SERVER_CPU, CLIENT_CPU = "0", "1"


def run(args, env=None, cwd=ROOT, quiet=True):
    result = subprocess.run(
        args, env={**os.environ, **(env or {})}, cwd=cwd, capture_output=quiet, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, args))}\n{result.stdout or ''}{result.stderr or ''}")
    return result.stdout


# Servers


class Server:
    def __init__(self, args, env=None, cwd=ROOT, port=None):
        self.port = port
        self.process = subprocess.Popen(
            ["taskset", "-c", SERVER_CPU, *args],
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=open(WORK / "server.log", "a"),  # noqa: SIM115
            start_new_session=True,
        )

    def wait_ready(self, path):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited; see {WORK / 'server.log'}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"server on {self.port} did not answer {path}")

    def peak_rss_mb(self):
        total = 0
        for pid in self._tree(self.process.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            total += int(match.group(1)) if match else 0
        return total / 1024

    def _tree(self, pid):
        pids = [pid]
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        for child in children:
            pids += self._tree(int(child))
        return pids

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def granian(module, env, cwd, port):
    args = [
        str(VENV_BIN / "granian"),
        "--interface", "wsgi",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", "1",
        # One Python thread: the views are CPU-bound, and 512 threads (granian's default) contending for the
        # interpreter lock cost throughput: bare page 254 -> 266 req/s, Nashr's article 92 -> 120 (load 4).
        "--blocking-threads", "1",
        "--no-ws",
        "--log-level", "warning",
        module,
    ]  # fmt: skip
    return Server(args, env, cwd, port)


def nginx(static_root, port, plain_root):
    conf = WORK / "nginx.conf"
    (WORK / "nginx-tmp").mkdir(exist_ok=True)
    template = (ROOT / "docs" / "nginx" / "bench.conf").read_text()
    conf.write_text(
        template.replace("@PORT@", str(port))
        .replace("@STATIC_OUTPUT@", str(static_root))
        .replace("@PLAIN@", str(plain_root))
        .replace("@WORK@", str(WORK))
    )
    return Server(["nginx", "-c", str(conf), "-p", str(WORK), "-g", "daemon off;"], port=port)


# Load


def wrk(port, path):
    output = run(
        [
            "taskset",
            "-c",
            CLIENT_CPU,
            "wrk",
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ]  # fmt: skip
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{errors.group(1)} error responses from {path}:\n{output}")
    return {"rps": rate, "p50": _ms(output, "50%"), "p99": _ms(output, "99%")}


def _ms(output, label):
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure(server, paths, warm=True, rounds=1):
    """wrk on each path; with several rounds, the paths take turns and each keeps its median round (nginx
    rows: a plain file and the static pages, at 70,000-90,000 req/s, drift by 10-15 % within a minute)."""
    runs = {name: [] for name in paths}
    for round_ in range(rounds):
        for name, result in _measure_once(server, paths, warm and round_ == 0).items():
            runs[name].append(result)
    results = {name: sorted(found, key=lambda r: r["rps"])[len(found) // 2] for name, found in runs.items()}
    rss = server.peak_rss_mb()
    for result in results.values():
        result["rss_mb"] = rss
    return results


def _measure_once(server, paths, warm):
    results = {}
    for name, path in paths.items():
        server.wait_ready(path)
        if warm:
            run(
                [
                    "taskset",
                    "-c",
                    CLIENT_CPU,
                    "wrk",
                    "-t1",
                    "-c4",
                    "-d2s",
                    f"http://127.0.0.1:{server.port}{path}",
                ]
            )
        results[name] = wrk(server.port, path)
    return results
