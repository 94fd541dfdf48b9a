"""Benchmark the edition's build side by side with stock tools making the same outputs.

    python bench/run.py                      # 1x and 10x, 5 runs each
    python bench/run.py --sizes 1 --runs 3 --write docs/benchmarks.md   # the table, as docs/benchmarks.md's top section
    python bench/run.py --sizes 1,10,50,200 --runs 5 --large-runs 1   # one run of 50x and 200x
    python bench/run.py --sizes 1,10,50,200 --large-from 10 --large-runs 1

For each size it makes a synthetic manuscript (bench/synth.py), then times, in
fresh processes and alternating run by run:

- our clean build of the three outputs the peer makes (.build-cache removed,
  `build.py epub print archival --force`), with its stages' times; a no-op
  rebuild; a rebuild after a one-note edit; the whole edition (every default
  output of the registry: also the web edition, the cover, the TEI, the kepub and
  the AZW3); and the three outputs plus each one of tei, kepub and kindle, for
  the wall time each adds;
- the same-outputs peer: stock WeasyPrint laying out our composed print book
  (`build.py --emit-html`, written once) ONCE, tagged, and writing the PDF/X-4
  and the PDF/A-3a from that one layout, plus `pandoc essay.md -o x.epub`;
- for reference, the one-PDF peer (stock WeasyPrint writing one untagged PDF of
  the same book, plus pandoc's EPUB) and the bare-essay peer (`pandoc essay.md`
  to an EPUB and, through WeasyPrint, a PDF);
- and, once per size, save-to-PDF in a running `--watch` session over 5 edits.

It reports medians, min and max, the peak memory of the largest process, our
time as ratios of the same-outputs peer's, and the growth exponent of the clean
build between the sizes. `--write FILE` puts the report in FILE as its top
section (between the markers BEGIN and END below, replaced on the next run),
keeping the sections after it.
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
from typing import NamedTuple

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
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'@@ {p.returncode} {t} {u.ru_maxrss} {u.ru_utime + u.ru_stime}')\n"
)
STAGE = re.compile(r"^([a-z][a-z ]+?)\s+(\d+\.\d+) s$")


class Sample(NamedTuple):
    """One timed run: its wall time, the largest resident set of its processes, its output, and the processor
    time of all its processes (on a shared machine the steadier figure: it does not count the waits for a core)."""

    seconds: float
    kib: int
    stdout: str
    cpu: float


def both(a: Sample, b: Sample) -> Sample:
    """Two runs one after the other (a peer's PDF and its EPUB)."""
    return Sample(a.seconds + b.seconds, max(a.kib, b.kib), "", a.cpu + b.cpu)


@dataclass
class Series:
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peak_kib: int = 0
    stages: dict[str, list[float]] = field(default_factory=dict)

    def add(self, sample: Sample) -> None:
        self.times.append(sample.seconds)
        self.cpus.append(sample.cpu)
        self.peak_kib = max(self.peak_kib, sample.kib)
        for line in sample.stdout.splitlines():
            match = STAGE.match(line.strip())
            if match:
                self.stages.setdefault(match.group(1).strip(), []).append(float(match.group(2)))

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self, name: str, peer: float | None = None) -> str:
        ratio = f"{self.median / peer:.2f}×" if peer else ""
        processor = statistics.median(self.cpus) if self.cpus else 0.0
        return (
            f"| {name} | {self.median:.2f} | {min(self.times):.2f} | {max(self.times):.2f} | {processor:.2f} | "
            f"{self.peak_kib / 1024:.0f} | {ratio} |"
        )


def measure(args: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    proc = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=cwd, env=env, capture_output=True, text=True)
    last = proc.stdout.strip().splitlines()[-1]
    _, code, seconds, kib, cpu = last.split()
    if code != "0":
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr}")
    return Sample(float(seconds), int(kib), proc.stdout, float(cpu))


def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


# The peers lay out our composed print book in a fresh process. The same-outputs peer lays it out once, tagged
# (the archival variant's tagging), and paints that one layout twice: the PDF/X-4 and the PDF/A-3a.
SAME = (
    "import sys, weasyprint\n"
    "document = weasyprint.HTML(sys.argv[1], base_url=sys.argv[2]).render(pdf_tags=True)\n"
    "document.write_pdf(sys.argv[3], pdf_variant='pdf/x-4')\n"
    "document.write_pdf(sys.argv[4], pdf_variant='pdf/a-3a')\n"
)
ONE_PDF = "import sys, weasyprint; weasyprint.HTML(sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])"
OURS = ("epub", "print", "archival")  # the outputs the same-outputs peer makes: an EPUB and the two PDFs
NEW_OUTPUTS = ("tei", "kepub", "kindle")  # each may add at most 10 % to the clean build's wall time (#27)
EDITS = 5  # saves timed in a running --watch session
NAMES = (
    *("full", "all", "noop", "note", "same", "same pdf", "one", "one pdf", "peer", "peer epub", "peer pdf"),
    *(f"+{name}" for name in NEW_OUTPUTS),
    "watch",
)


def _clean(project: Path) -> None:
    shutil.rmtree(project / ".build-cache", ignore_errors=True)
    shutil.rmtree(project / "dist", ignore_errors=True)


def bench_size(scale: int, runs: int, work: Path, watch_edits: int = EDITS, extras: bool = True) -> dict[str, Series]:
    project = make(scale, work / f"book-{scale}x")
    env = dict(os.environ, SOURCE_DATE_EPOCH="951782400")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    build = [sys.executable, "build.py", *OURS]
    out: dict[str, Series] = {k: Series() for k in NAMES}
    essay = project / "manuscript" / "essay.md"
    book = work / f"book-{scale}x.html"
    templates = str(project / "templates")
    for run in range(runs):
        _clean(project)
        out["full"].add(measure([*build, "--force"], project, env))
        if run == 0:  # the composed book, with the pages of that layout, for the peers
            measure([*build, "--emit-html", str(book)], project, env)
        # The peers alternate with our clean builds, run by run.
        epub = measure([pandoc(), str(essay), "-o", str(work / "peer.epub")], project, env)
        same = measure(
            [sys.executable, "-c", SAME, str(book), templates, str(work / "x4.pdf"), str(work / "a3a.pdf")],
            project,
            env,
        )
        out["same pdf"].add(same)
        out["same"].add(both(epub, same))
        out["noop"].add(measure(build, project, env))
        notes = project / "manuscript" / "notes.yaml"
        text = notes.read_text(encoding="utf-8")
        notes.write_text(text.replace("Mitrovica", "Mitrovica (edited)", 1), encoding="utf-8")
        out["note"].add(measure(build, project, env))
        notes.write_text(text, encoding="utf-8")
        one = measure([sys.executable, "-c", ONE_PDF, str(book), templates, str(work / "one.pdf")], project, env)
        out["one pdf"].add(one)
        out["one"].add(both(epub, one))
        bare = measure([pandoc(), str(essay), "-o", str(work / "peer.pdf"), "--pdf-engine=weasyprint"], project, env)
        out["peer epub"].add(epub)
        out["peer pdf"].add(bare)
        out["peer"].add(both(epub, bare))
        _clean(project)
        out["all"].add(measure([sys.executable, "build.py", "--force"], project, env))
        for name in NEW_OUTPUTS if extras else ():
            _clean(project)
            out[f"+{name}"].add(measure([*build, name, "--force"], project, env))
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


def added_line(series: dict[str, Series]) -> list[str]:
    """The wall time each new output adds to the clean build of the three, as the goal (each at most 10 %) reads."""
    full = series["full"].median
    added = [
        f"{name} {series[f'+{name}'].median - full:+.2f} s ({(series[f'+{name}'].median - full) / full:+.0%})"
        for name in NEW_OUTPUTS
        if series[f"+{name}"].times
    ]
    if not added:
        return []
    goal = "the goal: 10 % or less"
    return [f"Wall time each new output adds to the clean build of the three ({goal}): {', '.join(added)}."]


def cpu(series: Series) -> float:
    return statistics.median(series.cpus)


def size_report(scale: int, series: dict[str, Series]) -> list[str]:
    same = series["same"].median
    runs = len(series["full"].times)
    plus = [
        series[f"+{name}"].row(f"our clean build of the three + {name}", same)
        for name in NEW_OUTPUTS
        if series[f"+{name}"].times  # none under --no-extras
    ]
    return [
        f"#### {scale}× the edition ({runs} run{'s' if runs > 1 else ''})",
        "",
        "| what | median s | min s | max s | median CPU s | peak MiB | ours / peer |",
        "|---|---|---|---|---|---|---|",
        series["full"].row("our clean build (EPUB + print PDF/X-4 + archival PDF/A-3a)", same),
        series["same"].row(
            "same-outputs peer: WeasyPrint lays our composed book out once, tagged, writes the PDF/X-4 and the "
            "PDF/A-3a; pandoc writes the EPUB",
            same,
        ),
        series["same pdf"].row("same-outputs peer: the WeasyPrint part alone"),
        series["all"].row("our whole edition (every default output: also web, cover, TEI, kepub, AZW3)", same),
        *plus,
        series["noop"].row("our no-op rebuild", same),
        series["note"].row("our rebuild after a one-note edit", same),
        series["one"].row("reference, one-PDF peer: WeasyPrint writes one untagged PDF of our book; pandoc EPUB"),
        series["one pdf"].row("reference, one-PDF peer: the WeasyPrint part alone"),
        series["peer"].row("reference, bare-essay peer: pandoc essay.md to an EPUB and (WeasyPrint) a PDF"),
        "",
        f"- Clean build / same-outputs peer: **{series['full'].median / same:.2f}** (the target: 0.5 or less). "
        f"Clean build / one-PDF peer: {series['full'].median / series['one'].median:.2f}; "
        f"whole edition / same-outputs peer: {series['all'].median / same:.2f} (for reference).",
        f"- Processor time, clean build / same-outputs peer: {cpu(series['full']) / cpu(series['same']):.2f} "
        f"({cpu(series['full']):.1f} s against {cpu(series['same']):.1f} s; the steadier figure on a shared "
        "machine: our build, on two processors, can take as little as half its processor time in wall time, "
        "the peer, on one, cannot).",
        f"- One-note edit / clean build: {series['note'].median / series['full'].median:.2f} (the goal: 0.6 or less).",
        *(f"- {line}" for line in added_line(series) + watch_line(series["watch"])),
        "- Stages of the clean build (median s): "
        + ", ".join(f"{name} {statistics.median(v):.2f}" for name, v in series["full"].stages.items()),
        "",
    ]


def report(results: dict[int, dict[str, Series]]) -> str:
    lines = [
        f"Machine: {machine()}. Medians of the runs stated for each size, in fresh processes, ours and the "
        "peers' alternating run by run; peak memory is the largest resident set of any one process.",
        "",
    ]
    for scale, series in results.items():
        lines += size_report(scale, series)
    scales = sorted(results)
    if len(scales) >= 2:
        lo = 10 if 10 in scales and scales[-1] > 10 else scales[0]
        hi = scales[-1]
        k = math.log(results[hi]["full"].median / results[lo]["full"].median) / math.log(hi / lo)
        lines.append(f"Growth exponent of the full build between {lo}× and {hi}×: {k:.2f}.")
    return "\n".join(lines) + "\n"


BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"


def write_section(path: Path, command: str, text: str) -> None:
    """The report as the file's top section, between BEGIN and END: the last run's replaced, earlier ones kept."""
    section = f"{BEGIN}\n### The last run of bench/run.py\n\n    {command}\n\n{text}{END}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if BEGIN in old and END in old:
        head, _, rest = old.partition(BEGIN)
        new = head + section + "\n" + rest.partition(END)[2].lstrip("\n")
    else:
        title, _, rest = old.partition("\n")
        new = f"{title}\n\n{section}\n{rest.lstrip(chr(10))}"
    path.write_text(new, encoding="utf-8")


def main() -> None:
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:  # started in the background: the watch must be stoppable
        signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10", help="comma-separated multiples of the edition (default 1,10)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--large-runs", type=int, help="runs for the large sizes, whose clean build takes many minutes")
    parser.add_argument("--large-from", type=int, default=50, help="the smallest large size (default 50)")
    parser.add_argument("--watch-edits", type=int, default=EDITS, help=f"saves timed under --watch (default {EDITS})")
    parser.add_argument(
        "--no-extras", action="store_true", help="skip the clean builds of the three outputs plus tei, kepub, kindle"
    )
    parser.add_argument("--write", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        results = {}
        for scale in sizes:
            runs = args.large_runs if args.large_runs and scale >= args.large_from else args.runs
            results[scale] = bench_size(scale, runs, Path(tmp), args.watch_edits, not args.no_extras)
            print(report({scale: results[scale]}), file=sys.stderr, flush=True)
    text = report(results) + saves_report(PROJECT, args.watch_edits)  # the edition itself, in a scratch copy
    print(text)
    if args.write:
        write_section(args.write, "python bench/run.py " + " ".join(sys.argv[1:]), text)


if __name__ == "__main__":
    main()
