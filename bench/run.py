"""Benchmark the edition's build side by side with what a user would otherwise run.

    python bench/run.py                      # 1x and 10x, 5 runs each
    python bench/run.py --sizes 1,10,50,200 --runs 5 --write docs/benchmarks.md
    python bench/run.py --sizes 1,10,50,200 --runs 5 --large-runs 1   # one run of 50x and 200x
    python bench/run.py --sizes 1,10,50,200 --large-from 10 --large-runs 1

For each size it makes a synthetic manuscript (bench/synth.py), then times, in
fresh processes: our clean full build (EPUB + print PDF + archival PDF, with
per-stage times), a no-op rebuild, a one-note edit, and the peer,
`pandoc essay.md -o x.epub` plus `pandoc essay.md -o x.pdf --pdf-engine=weasyprint`
on the same essay. It reports medians, min and max, the peak memory of the
largest process, our time as a ratio of the peer's, and the growth exponent of
the full build between the sizes.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
# The build's renderers are forked by a server that outlives the build by a
# moment, as an orphan: the measuring process adopts orphans (a child
# subreaper) and waits for them, so that their peak memory is counted too.
MEASURE = (
    "import ctypes, os, resource, subprocess, sys, time\n"
    "ctypes.CDLL('libc.so.6').prctl(36, 1)\n"  # PR_SET_CHILD_SUBREAPER
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "t = time.perf_counter() - t\n"
    "while True:\n"
    "    try:\n"
    "        os.wait()\n"
    "    except ChildProcessError:\n"
    "        break\n"
    "sys.stderr.write(p.stderr)\n"
    "print(p.stdout)\n"
    "print(f'@@ {p.returncode} {t} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')\n"
)
STAGE = re.compile(r"^([a-z][a-z ]+?)\s+(\d+\.\d+) s$")


@dataclass
class Series:
    times: list[float] = field(default_factory=list)
    peak_kib: int = 0
    stages: dict[str, list[float]] = field(default_factory=dict)

    def add(self, seconds: float, kib: int, stdout: str) -> None:
        self.times.append(seconds)
        self.peak_kib = max(self.peak_kib, kib)
        for line in stdout.splitlines():
            match = STAGE.match(line.strip())
            if match:
                self.stages.setdefault(match.group(1).strip(), []).append(float(match.group(2)))

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self, name: str, peer: float | None = None) -> str:
        ratio = f"{self.median / peer:.2f}×" if peer else ""
        return (
            f"| {name} | {self.median:.2f} | {min(self.times):.2f} | {max(self.times):.2f} | "
            f"{self.peak_kib / 1024:.0f} | {ratio} |"
        )


def measure(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    proc = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=cwd, env=env, capture_output=True, text=True)
    last = proc.stdout.strip().splitlines()[-1]
    _, code, seconds, kib = last.split()
    if code != "0":
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr}")
    return float(seconds), int(kib), proc.stdout


def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def bench_size(scale: int, runs: int, work: Path) -> dict[str, Series]:
    project = make(scale, work / f"book-{scale}x")
    env = dict(os.environ, SOURCE_DATE_EPOCH="951782400")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    build = [sys.executable, "build.py"]
    out: dict[str, Series] = {k: Series() for k in ("full", "noop", "note", "peer", "peer epub", "peer pdf")}
    for _ in range(runs):
        shutil.rmtree(project / ".build-cache", ignore_errors=True)
        shutil.rmtree(project / "dist", ignore_errors=True)
        out["full"].add(*measure([*build, "--force"], project, env))
        out["noop"].add(*measure(build, project, env))
        notes = project / "manuscript" / "notes.yaml"
        text = notes.read_text(encoding="utf-8")
        notes.write_text(text.replace("Mitrovica", "Mitrovica (edited)", 1), encoding="utf-8")
        out["note"].add(*measure(build, project, env))
        notes.write_text(text, encoding="utf-8")
        essay = project / "manuscript" / "essay.md"
        t1, m1, s1 = measure([pandoc(), str(essay), "-o", str(work / "peer.epub")], project, env)
        t2, m2, s2 = measure(
            [pandoc(), str(essay), "-o", str(work / "peer.pdf"), "--pdf-engine=weasyprint"], project, env
        )
        out["peer epub"].add(t1, m1, s1)
        out["peer pdf"].add(t2, m2, s2)
        out["peer"].add(t1 + t2, max(m1, m2), "")
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} cores ({cpu}){mem}, {system}, Python {platform.python_version()}"


def report(results: dict[int, dict[str, Series]]) -> str:
    lines = [
        f"Machine: {machine()}. Medians of the runs stated for each size, in fresh processes; peak memory "
        "is the largest resident set of any one process.",
        "",
    ]
    for scale, series in results.items():
        peer = series["peer"].median
        runs = len(series["full"].times)
        lines += [
            f"## {scale}× the edition ({runs} run{'s' if runs > 1 else ''})",
            "",
            "| what | median s | min s | max s | peak MiB | ours / peer |",
            "|---|---|---|---|---|---|",
            series["full"].row("our full build (EPUB + print PDF + archival PDF)", peer),
            series["noop"].row("our no-op rebuild", peer),
            series["note"].row("our rebuild after a one-note edit", peer),
            series["peer epub"].row("peer: pandoc essay.md -o x.epub"),
            series["peer pdf"].row("peer: pandoc essay.md -o x.pdf --pdf-engine=weasyprint"),
            series["peer"].row("peer: both"),
            "",
            f"One-note edit / clean build: {series['note'].median / series['full'].median:.2f}.",
            "",
            "Stages of the clean build (median s): "
            + ", ".join(f"{name} {statistics.median(v):.2f}" for name, v in series["full"].stages.items()),
            "",
        ]
    scales = sorted(results)
    if len(scales) >= 2:
        lo = 10 if 10 in scales and scales[-1] > 10 else scales[0]
        hi = scales[-1]
        k = math.log(results[hi]["full"].median / results[lo]["full"].median) / math.log(hi / lo)
        lines.append(f"Growth exponent of the full build between {lo}× and {hi}×: {k:.2f}.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10", help="comma-separated multiples of the edition (default 1,10)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--large-runs", type=int, help="runs for the large sizes, whose clean build takes many minutes")
    parser.add_argument("--large-from", type=int, default=50, help="the smallest large size (default 50)")
    parser.add_argument("--write", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        results = {}
        for scale in sizes:
            runs = args.large_runs if args.large_runs and scale >= args.large_from else args.runs
            results[scale] = bench_size(scale, runs, Path(tmp))
            print(report({scale: results[scale]}), file=sys.stderr, flush=True)
    text = report(results)
    print(text)
    if args.write:
        args.write.write_text("# Benchmarks\n\n`python bench/run.py " + " ".join(sys.argv[1:]) + "`\n\n" + text)


if __name__ == "__main__":
    main()
