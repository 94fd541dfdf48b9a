"""Benchmark the edition's build side by side with what a user would otherwise run.

    python bench/run.py                      # 1x and 10x, 5 runs each
    python bench/run.py --sizes 1,10,50,200 --runs 5 --write docs/benchmarks.md
    python bench/run.py --sizes 1,10,50,200 --runs 5 --large-runs 1   # one run of 50x and 200x
    python bench/run.py --sizes 1,10,50,200 --large-from 10 --large-runs 1

For each size it makes a synthetic manuscript (bench/synth.py), then times, in
fresh processes and alternating run by run:

- our clean build (.build-cache removed, `build.py epub print archival --force`),
  with its stages' times; a no-op rebuild; a rebuild after a one-note edit; and
  the whole edition (also the web edition and the cover);
- the same-book peer: stock WeasyPrint laying out our composed print book once
  (`build.py --emit-html`, written once), plus `pandoc essay.md -o x.epub`;
- the bare-essay peer, for reference: `pandoc essay.md -o x.epub` plus
  `pandoc essay.md -o x.pdf --pdf-engine=weasyprint`;
- and, once per size, save-to-PDF in a running `--watch` session over 5 edits.

It reports medians, min and max, the peak memory of the largest process, our
time as ratios of both peers', and the growth exponent of the clean build
between the sizes.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from saves import saves_report  # noqa: E402
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


# The same-book peer: stock WeasyPrint laying out our composed print book once, in a fresh process.
WEASYPRINT = "import sys, weasyprint; weasyprint.HTML(sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])"
OURS = ("epub", "print", "archival")  # the outputs the peers make: an EPUB and a PDF of the book
EDITS = 5  # saves timed in a running --watch session


def bench_size(scale: int, runs: int, work: Path, watch_edits: int = EDITS) -> dict[str, Series]:
    project = make(scale, work / f"book-{scale}x")
    env = dict(os.environ, SOURCE_DATE_EPOCH="951782400")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    build = [sys.executable, "build.py", *OURS]
    names = ("full", "all", "noop", "note", "same", "same pdf", "peer", "peer epub", "peer pdf", "watch")
    out: dict[str, Series] = {k: Series() for k in names}
    essay = project / "manuscript" / "essay.md"
    book = work / f"book-{scale}x.html"
    for run in range(runs):
        shutil.rmtree(project / ".build-cache", ignore_errors=True)
        shutil.rmtree(project / "dist", ignore_errors=True)
        out["full"].add(*measure([*build, "--force"], project, env))
        if run == 0:  # the composed book, with the pages of that layout, for the same-book peer
            measure([*build, "--emit-html", str(book)], project, env)
        # The peers alternate with our clean build, run by run.
        t1, m1, s1 = measure([pandoc(), str(essay), "-o", str(work / "peer.epub")], project, env)
        t2, m2, _ = measure(
            [sys.executable, "-c", WEASYPRINT, str(book), str(project / "templates"), str(work / "same.pdf")],
            project,
            env,
        )
        out["same pdf"].add(t2, m2, "")
        out["same"].add(t1 + t2, max(m1, m2), "")
        out["noop"].add(*measure(build, project, env))
        notes = project / "manuscript" / "notes.yaml"
        text = notes.read_text(encoding="utf-8")
        notes.write_text(text.replace("Mitrovica", "Mitrovica (edited)", 1), encoding="utf-8")
        out["note"].add(*measure(build, project, env))
        notes.write_text(text, encoding="utf-8")
        t3, m3, _ = measure(
            [pandoc(), str(essay), "-o", str(work / "peer.pdf"), "--pdf-engine=weasyprint"], project, env
        )
        out["peer epub"].add(t1, m1, s1)
        out["peer pdf"].add(t3, m3, "")
        out["peer"].add(t1 + t3, max(m1, m3), "")
        shutil.rmtree(project / ".build-cache", ignore_errors=True)
        out["all"].add(*measure([sys.executable, "build.py", "--force"], project, env))
    if watch_edits:
        out["watch"].times = watch_saves(project, env, watch_edits)
    return out


def watch_saves(project: Path, env: dict[str, str], edits: int) -> list[float]:
    """Seconds from saving a one-word change to a note to the rebuilt print PDF and EPUB, in a running --watch."""
    import queue
    import threading
    import time

    proc = subprocess.Popen(
        [sys.executable, "-u", "build.py", *OURS, "--watch"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def wait_for(prefix: str) -> None:
        while not lines.get(timeout=3600).startswith(prefix):
            pass

    notes = project / "manuscript" / "notes.yaml"
    original = notes.read_text(encoding="utf-8")
    times = []
    try:
        wait_for("watching for changes")
        edited = original.replace("Mitrovica", "Mitrovica (edited)", 1)
        for i in range(edits):
            time.sleep(1.0)  # a quiet moment between saves, longer than the watcher's debounce
            start = time.perf_counter()
            notes.write_text(edited if i % 2 == 0 else original, encoding="utf-8")
            wait_for("rebuilt in")
            times.append(time.perf_counter() - start)
    finally:
        notes.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    return times


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


def watch_line(series: Series) -> list[str]:
    if not series.times:
        return []
    times = ", ".join(f"{t:.2f}" for t in series.times)
    return [
        f"Save to rebuilt print PDF and EPUB in a running --watch, {len(series.times)} edits: median "
        f"{series.median:.2f} s ({times})."
    ]


def report(results: dict[int, dict[str, Series]]) -> str:
    lines = [
        f"Machine: {machine()}. Medians of the runs stated for each size, in fresh processes; peak memory "
        "is the largest resident set of any one process.",
        "",
    ]
    for scale, series in results.items():
        peer, same = series["peer"].median, series["same"].median
        runs = len(series["full"].times)
        lines += [
            f"## {scale}× the edition ({runs} run{'s' if runs > 1 else ''})",
            "",
            "| what | median s | min s | max s | peak MiB | ours / peer |",
            "|---|---|---|---|---|---|",
            series["full"].row("our clean build (EPUB + print PDF + archival PDF)", same),
            series["same"].row("same-book peer: WeasyPrint on our composed book + pandoc EPUB", same),
            series["same pdf"].row("same-book peer: the WeasyPrint part alone"),
            series["noop"].row("our no-op rebuild", same),
            series["note"].row("our rebuild after a one-note edit", same),
            series["all"].row("our whole edition (also the web edition and the cover)", same),
            series["peer epub"].row("bare-essay peer: pandoc essay.md -o x.epub"),
            series["peer pdf"].row("bare-essay peer: pandoc essay.md -o x.pdf --pdf-engine=weasyprint"),
            series["peer"].row("bare-essay peer: both"),
            "",
            f"Clean build / same-book peer: {series['full'].median / same:.2f} (the target: 0.5 or less). "
            f"Clean build / bare-essay peer: {series['full'].median / peer:.2f} (for reference).",
            f"One-note edit / clean build: {series['note'].median / series['full'].median:.2f}.",
            *watch_line(series["watch"]),
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
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:  # started in the background: the watch must be stoppable
        signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10", help="comma-separated multiples of the edition (default 1,10)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--large-runs", type=int, help="runs for the large sizes, whose clean build takes many minutes")
    parser.add_argument("--large-from", type=int, default=50, help="the smallest large size (default 50)")
    parser.add_argument("--watch-edits", type=int, default=EDITS, help=f"saves timed under --watch (default {EDITS})")
    parser.add_argument("--write", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        results = {}
        for scale in sizes:
            runs = args.large_runs if args.large_runs and scale >= args.large_from else args.runs
            results[scale] = bench_size(scale, runs, Path(tmp), args.watch_edits)
            print(report({scale: results[scale]}), file=sys.stderr, flush=True)
    text = report(results) + saves_report(PROJECT, args.watch_edits)  # the edition itself, in a scratch copy
    print(text)
    if args.write:
        args.write.write_text("# Benchmarks\n\n`python bench/run.py " + " ".join(sys.argv[1:]) + "`\n\n" + text)


if __name__ == "__main__":
    main()
