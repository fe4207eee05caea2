"""`python -m pipeline bench [CORPUS]`: quality and speed beside bare trafilatura, written to BENCHMARKS.md.

Our side is measured end to end through the public command (`python -m pipeline run -q -j N`, one
subprocess per run: reading, every stage and writing). Trafilatura's side is
`bare_extraction(html, with_metadata=True)` with default settings over the same HTML files, in this
process. Both are scored by `pipeline.evaluate` against CORPUS/gold.jsonl.
"""
from __future__ import annotations

import json
import logging
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import product
from pathlib import Path

from pipeline.evaluate import METADATA_FIELDS, load_gold, load_records, reachable, score
from pipeline.page import page_id

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
DEFAULT_OUTPUT = ROOT / "BENCHMARKS.md"
KINDS = ("html", "text-lynx", "text-inscriptis")
TEXT_KINDS = ("text-lynx", "text-inscriptis")
PROFILED_KINDS = ("html", "text-lynx")
SCALE_SIZES = (10_000, 100_000)
OURS, TRAFILATURA = "ours", "trafilatura"
COLUMNS = [(OURS, kind) for kind in KINDS] + [(TRAFILATURA, "html")]

TARGETS = {  # (figure, column) -> the least acceptable value
    ("body4", (OURS, "html")): 0.975, ("body4", (OURS, "text-lynx")): 0.93, ("body4", (OURS, "text-inscriptis")): 0.93,
    ("headline", (OURS, "html")): 0.92, ("date_tz", (OURS, "html")): 0.95,
    ("authors", (OURS, "html")): 0.80, ("outlet", (OURS, "html")): 0.93,
    ("headline", (OURS, "text-lynx")): 0.85, ("date", (OURS, "text-lynx")): 0.85,
    ("authors", (OURS, "text-lynx")): 0.60, ("outlet", (OURS, "text-lynx")): 0.80,
}
REACHABLE_FIELDS = ("headline", "outlet")  # text dumps: how often the gold value is in the dump at all
TEXT_PAGES_PER_SECOND = 2000
TWO_WORKER_SPEEDUP = 1.8
SPEEDUP_ROUNDS = 3  # one- and two-worker runs of the smallest scale size, taken in turn
MEMORY_GROWTH = 1.2
SAMPLE_SECONDS = 0.1
PAGE_TIMEOUT = 60  # seconds a page may take: generous, so that a busy machine does not change the quality figures
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


class BenchError(Exception):
    """The bench cannot go on (a run failed, the corpus is incomplete)."""


@dataclass
class Run:
    """One measured run. `startup` (the fixed cost of starting `pipeline run`) is left out of the rate."""

    pages: int
    seconds: float
    cpu_seconds: float
    peak_mb: float | None = None
    startup: float = 0.0
    records: int = 0

    def pages_per_second(self) -> float:
        return self.pages / max(self.seconds - self.startup, 1e-6)

    def pages_per_cpu_second(self) -> float:
        return self.pages / max(self.cpu_seconds, 1e-6)


def session_usage(session: int) -> dict[int, tuple[float, float]]:
    """pid -> (RSS in MB, CPU seconds so far) of every live process of a session, from /proc."""
    usage = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session:  # fields from the state on: state ppid pgrp session ...
            usage[int(entry.name)] = (int(fields[21]) * PAGE_MB, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    return usage


def measure(command: list[str], ok_codes: tuple[int, ...] = (0, 1)) -> tuple[float, float, float]:
    """Run a command to its end: wall seconds, and over all its processes (workers included) CPU seconds
    and the peak of their summed RSS in MB, both sampled every SAMPLE_SECONDS."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True)
        peak, cpu = 0.0, {}
        while True:
            usage = session_usage(child.pid)
            peak = max(peak, sum(rss for rss, _ in usage.values()))
            cpu.update({pid: seconds for pid, (_, seconds) in usage.items()})
            try:
                child.wait(timeout=SAMPLE_SECONDS)
                break
            except subprocess.TimeoutExpired:
                continue
        seconds = time.perf_counter() - started
        if child.returncode not in ok_codes:  # for `pipeline run`, 1: the run finished with some pages rejected
            errors.seek(0)
            raise BenchError(f"{' '.join(command)} exited {child.returncode}:\n{errors.read().decode(errors='replace')[-3000:]}")
    return seconds, sum(cpu.values()), peak


def run_command(pages: Path, output: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", "-q", "-j", str(workers), "--timeout", str(PAGE_TIMEOUT),
            str(pages.resolve()), str(output.resolve())]


def run_ours(pages: Path, output: Path, workers: int, startup: float) -> Run:
    """`pipeline run` over a folder, timed from outside; the page counts come from its _run.json."""
    seconds, cpu, peak = measure(run_command(pages, output, workers))
    summary = json.loads((output / "_run.json").read_text("utf-8"))
    return Run(summary["pages"], seconds, cpu, peak, startup, summary["records"])


def startup_seconds(corpus: Path, work: Path) -> float:
    """Wall time of `pipeline run` over one small text page: interpreter start, imports, worker start."""
    one = work / "one-page"
    one.mkdir()
    smallest = min((path for path in (corpus / TEXT_KINDS[0]).iterdir() if path.is_file()), key=lambda p: p.stat().st_size)
    shutil.copy(smallest, one)
    return measure(run_command(one, work / "one-page-out", 1))[0]


def run_trafilatura(html: Path) -> tuple[dict[str, dict], Run]:
    """Bare trafilatura (default settings, with metadata) on every file: records shaped like ours, and the timing."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    files = sorted(path for path in html.iterdir() if path.is_file())
    records = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        document = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True)
        if document is not None:
            records[page_id(path)] = {"headline": document.title, "date": document.date, "outlet": document.sitename,
                                      "authors": [document.author] if document.author else [], "body": document.text}
    timing = Run(len(files), time.perf_counter() - wall, time.process_time() - cpu, records=len(records))
    return records, timing


def replicate(sources: list[Path], count: int, folder: Path) -> Path:
    """`count` pages in `folder`, each a hard link to one of `sources` under an id of its own."""
    folder.mkdir(parents=True)
    for i in range(count):
        source = sources[i % len(sources)]
        os.link(source, folder / f"r{i:07d}-{source.name}")
    return folder


def scale_runs(corpus: Path, work: Path, sizes: tuple[int, ...], startup: float) -> dict[tuple[int, int], Run]:
    """(pages, workers) -> run: the text dumps replicated to each size, one worker; the smallest also with two,
    run SPEEDUP_ROUNDS times with one and two workers in turn, the fastest run of each kept (the machine's
    speed drifts from minute to minute: runs taken in turn and at their best compare like with like)."""
    originals = []
    for kind in TEXT_KINDS:
        shutil.copytree(corpus / kind, work / "originals" / kind)
        originals += sorted((work / "originals" / kind).iterdir())
    runs: dict[tuple[int, int], Run] = {}
    for size in sorted(sizes):
        pages = replicate(originals, size, work / f"text-{size}")
        rounds, workers_list = (SPEEDUP_ROUNDS, (1, 2)) if size == min(sizes) else (1, (1,))
        for round_number, workers in product(range(1, rounds + 1), workers_list):
            progress(f"ours, text x{size:,}, {workers} worker(s), round {round_number} of {rounds}")
            output = work / f"out-{size}-{workers}"
            measured = run_ours(pages, output, workers, startup)
            if (size, workers) not in runs or measured.seconds < runs[(size, workers)].seconds:
                runs[(size, workers)] = measured
            shutil.rmtree(output)
        shutil.rmtree(pages)
    return runs


def profile(pages: Path, work: Path) -> pstats.Stats:
    """cProfile of a one-worker run over a folder, in a fresh interpreter (see profile_inline)."""
    stats_file = work / f"profile-{pages.name}.prof"
    script = "import sys; from pipeline.bench import profile_inline; profile_inline(*sys.argv[1:])"
    measure([sys.executable, "-c", script, str(pages.resolve()), str(work / f"profiled-{pages.name}"), str(stats_file)],
            ok_codes=(0,))
    return pstats.Stats(str(stats_file))


def profile_inline(pages: str, output: str, stats_file: str) -> None:
    """Profile `runner.run` over a folder with the pages cleaned in this process instead of a worker process."""
    import cProfile
    from unittest import mock

    from pipeline import pool, runner

    def inline(clean, tasks, give_up, workers=1, timeout=None):
        return (clean(*task) for task in tasks)

    with mock.patch.object(pool, "run_isolated", inline), cProfile.Profile() as profiler:
        runner.run(Path(pages), Path(output), runner.Settings(workers=1, timeout=PAGE_TIMEOUT), progress=False)
    profiler.dump_stats(stats_file)


def stage_shares(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Share of the profiled run spent in each stage and in writing records, and the rest."""
    from pipeline.stages import STAGES
    from pipeline.write import write_record

    cumulative = {(os.path.realpath(file), line, name): entry[3] for (file, line, name), entry in stats.stats.items()}
    parts = [(stage.name, stage.run) for stage in STAGES] + [("write", write_record)]
    shares = []
    for label, function in parts:
        code = getattr(function, "__code__", None)
        if code is not None:
            key = (os.path.realpath(code.co_filename), code.co_firstlineno, code.co_name)
            shares.append((label, cumulative.get(key, 0.0) / stats.total_tt))
    shares.append(("the rest (runner: discovery, cache, summary)", 1 - sum(share for _, share in shares)))
    return shares


def owner(file: str, name: str) -> str:
    """Where a profiled function lives: one of our modules, a package, a stdlib module, or a built-in's name."""
    if file == "~":
        return name.strip("<>").replace("built-in method ", "").replace("method ", "").replace("'", "") + " (built-in)"
    path = Path(file)
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].split(".")[0]
    if path.is_relative_to(ROOT):
        return path.relative_to(ROOT).as_posix()
    return (path.parent.name if path.stem == "__init__" else path.stem) + " (stdlib)"


def self_time_by_owner(stats: pstats.Stats, top: int = 10) -> list[tuple[str, float]]:
    """The biggest owners of time spent inside functions themselves (not their callees), as shares."""
    totals: dict[str, float] = {}
    for (file, _, name), entry in stats.stats.items():
        totals[owner(file, name)] = totals.get(owner(file, name), 0.0) + entry[2]
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    return [(label, seconds / stats.total_tt) for label, seconds in ranked]


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def cell(value: float, target: float | None, relation: str = ">=") -> str:
    """A figure, with its target beside it when it has one (a check mark when met)."""
    if target is None:
        return f"{value:.3f}"
    met = value >= target if relation == ">=" else value <= target
    return f"{value:.3f} {'✓' if met else '✗'} ({'≥' if relation == '>=' else '≤'} {target:g})"


def rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def rate_cell(value: float, target: float | None, note: str = "") -> str:
    if target is None:
        return rate(value)
    return f"{rate(value)} {'✓' if value >= target else '✗'} (≥ {rate(target)}{note})"


def quality_table(quality: dict, speed: dict) -> list[str]:
    lines = ["| figure | " + " | ".join(f"{who} {kind}" for who, kind in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for body, part in (("body4", "precision"), ("body4", "recall"), ("body4", "f1"), ("body1", "f1")):
        values = [cell(quality[c][body][part], TARGETS.get((body, c)) if part == "f1" else None) for c in COLUMNS]
        lines.append(f"| {body} {part} | " + " | ".join(values) + " |")
    for field in METADATA_FIELDS:
        values = [cell(quality[c][field]["acc"], TARGETS.get((field, c))) if field in quality[c] else "–" for c in COLUMNS]
        n = max(quality[c].get(field, {}).get("n", 0) for c in COLUMNS)
        lines.append(f"| {field} (n={n}) | " + " | ".join(values) + " |")
    for field in REACHABLE_FIELDS:
        values = [f"{quality[c][f'{field}_reachable']['acc']:.3f}" if f"{field}_reachable" in quality[c] else "–"
                  for c in COLUMNS]
        lines.append(f"| {field}: gold found in the dump at all (the ceiling) | " + " | ".join(values) + " |")
    lines.append("| records / pages | " + " | ".join(f"{speed[c].records} / {speed[c].pages}" for c in COLUMNS) + " |")
    trafilatura_rate = speed[(TRAFILATURA, "html")].pages_per_second()
    rates = []
    for c in COLUMNS:
        rate = speed[c].pages_per_second()
        if c == (OURS, "html"):
            rates.append(rate_cell(rate, trafilatura_rate, ", trafilatura"))
        else:
            rates.append(rate_cell(rate, TEXT_PAGES_PER_SECOND if c[1] in TEXT_KINDS else None))
    lines.append("| pages/s, one worker | " + " | ".join(rates) + " |")
    return lines


def scale_rows(scaled: dict[tuple[int, int], Run]) -> list[tuple[str, Run, str]]:
    """The scale runs with their targets: rate of the smallest, two-worker speed-up, peak memory of the largest."""
    smallest, largest = min(size for size, _ in scaled), max(size for size, _ in scaled)
    base = scaled[(smallest, 1)]
    rows = []
    for (size, workers), measured in sorted(scaled.items()):
        target = ""
        if (size, workers) == (smallest, 1):
            target = rate_cell(measured.pages_per_second(), TEXT_PAGES_PER_SECOND) + " pages/s"
        elif workers == 2:
            target = cell(measured.pages_per_second() / base.pages_per_second(), TWO_WORKER_SPEEDUP) + " × one worker"
        elif size == largest:
            target = (cell(measured.peak_mb / base.peak_mb, MEMORY_GROWTH, "<=")
                      + f" × the peak RSS of {smallest:,} pages")
        rows.append((f"ours text x{size:,}, {workers} worker{'s' if workers > 1 else ''}", measured, target))
    return rows


def speed_table(speed: dict, scaled: dict[tuple[int, int], Run]) -> list[str]:
    lines = ["| run | pages | wall s | pages/s | CPU s | pages/CPU s | peak RSS MB | target |", "|---" * 8 + "|"]
    rows = [(f"{who} {kind}, " + ("one worker" if who == OURS else "bare_extraction"), speed[(who, kind)], "")
            for who, kind in COLUMNS]
    for label, measured, target in rows + (scale_rows(scaled) if scaled else []):
        peak = f"{measured.peak_mb:,.0f}" if measured.peak_mb else "–"
        lines.append(f"| {label} | {measured.pages:,} | {measured.seconds:.1f} | {rate(measured.pages_per_second())} | "
                     f"{measured.cpu_seconds:.1f} | {rate(measured.pages_per_cpu_second())} | {peak} | {target} |")
    return lines


def profile_section(profiles: dict[str, pstats.Stats]) -> list[str]:
    lines = ["## Where the time goes", "",
             "cProfile of a one-worker `pipeline run` over each folder, the pages cleaned in the profiled process "
             "instead of a worker process (profiling slows everything down, so only the shares mean something). "
             "Stages include what they call; \"own time\" is time inside a module's functions themselves, "
             "built-ins listed by name.", ""]
    for kind, stats in profiles.items():
        stages = stage_shares(stats)
        owners = self_time_by_owner(stats)
        biggest_stage = max(stages[:-1], key=lambda item: item[1])
        lines += [f"### {kind}: {stats.total_tt:.1f} s profiled; most in {biggest_stage[0]} ({biggest_stage[1]:.0%}), "
                  f"most own time in {owners[0][0]} ({owners[0][1]:.0%})", "",
                  "| stage | share | | own time in | share |", "|---|---|---|---|---|"]
        for i in range(max(len(stages), len(owners))):
            stage = f"{stages[i][0]} | {stages[i][1]:.1%}" if i < len(stages) else " | "
            own = f"{owners[i][0]} | {owners[i][1]:.1%}" if i < len(owners) else " | "
            lines.append(f"| {stage} | | {own} |")
        lines.append("")
    return lines


def render(corpus: Path, quality: dict, speed: dict, scaled: dict, profiles: dict, startup: float,
           scale_pending: bool = False) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench` (`python -m pipeline bench`) on {when}: corpus `{corpus.name}` "
        f"({speed[(OURS, 'html')].pages} pages a kind), Python {platform.python_version()}, {os.cpu_count()} CPUs "
        "(shared with other work: speeds are noisy). Regenerate it rather than edit it.", "",
        "## Quality and speed, side by side", "",
        "Body: body4 is the article-extraction-benchmark metric (4-token shingles), body1 the same on single words. "
        "Metadata figures are exact-match accuracy over the pages whose gold has that field (see `pipeline/evaluate.py`); "
        "for text dumps, the ceiling rows say how often the gold value occurs in the dump's text at all. "
        "✓/✗: target met or not.", "",
        *quality_table(quality, speed), "",
        "## Speed and memory", "",
        f"Ours: wall time of `python -m pipeline run -q -j N --timeout {PAGE_TIMEOUT}` (reading, all stages, writing; "
        "the generous time limit keeps a busy machine from changing the quality figures); pages/s leaves out "
        f"the {startup:.2f} s that a run over a one-page folder takes (interpreter start, imports, worker start). "
        "CPU seconds and peak RSS add up all processes of the run (main and workers), sampled every "
        f"{SAMPLE_SECONDS:g} s; pages per CPU second is the figure least disturbed by other work on the machine. "
        "Trafilatura: `bare_extraction` calls in one process, file reading included. "
        "Scale runs replicate the text dumps of both kinds under new ids (hard links in a temporary folder); "
        f"the smallest runs {SPEEDUP_ROUNDS} times with one and two workers in turn and the fastest run of each is shown, "
        "since this machine's speed drifts by tens of percent from minute to minute.", "",
        *speed_table(speed, scaled), "",
    ]
    if not scaled:
        state = "still running (or were cut short)" if scale_pending else "left out (`--skip-scale`)"
        lines += [f"Scale runs (throughput over many pages, two workers, memory growth): {state}.", ""]
    if profiles:
        lines += profile_section(profiles)
    return "\n".join(lines).rstrip() + "\n"


def corpus_problem(corpus: Path) -> str | None:
    if not corpus.is_dir():
        return f"corpus folder not found: {corpus} (give CORPUS, a folder with gold.jsonl, html/, text-lynx/, text-inscriptis/)"
    missing = [name for name in ("gold.jsonl", *KINDS) if not (corpus / name).exists()]
    return f"corpus {corpus} lacks {', '.join(missing)}" if missing else None


def default_corpus_problem() -> str | None:
    """Why the default corpus (../shared/corpus/dev beside the checkout) cannot be used, saying where it was sought."""
    if DEFAULT_CORPUS.is_dir():
        return corpus_problem(DEFAULT_CORPUS)
    return (f"no CORPUS given, and the default, ../shared/corpus/dev beside the checkout, is not there: looked in "
            f"{DEFAULT_CORPUS} (this newsclean runs from {ROOT}{'' if (ROOT / '.git').exists() else ', not a checkout'}); "
            "give one: python -m pipeline bench CORPUS")


def measure_corpus(corpus: Path, work: Path, startup: float, with_profile: bool) -> tuple[dict, dict, dict]:
    """Quality and speed of every column on the corpus, and the profiles: (quality, speed, profiles)."""
    gold = load_gold(corpus / "gold.jsonl")
    quality, speed, profiles = {}, {}, {}
    for kind in KINDS:
        progress(f"ours, {kind}, one worker")
        speed[(OURS, kind)] = run_ours(corpus / kind, work / f"ours-{kind}", 1, startup)
        quality[(OURS, kind)] = score(gold, load_records(work / f"ours-{kind}"))
        if kind in TEXT_KINDS:
            for field in REACHABLE_FIELDS:
                quality[(OURS, kind)][f"{field}_reachable"] = reachable(gold, corpus / kind, field)
    progress("trafilatura bare_extraction, html")
    records, speed[(TRAFILATURA, "html")] = run_trafilatura(corpus / "html")
    quality[(TRAFILATURA, "html")] = score(gold, records)
    for kind in PROFILED_KINDS if with_profile else ():
        progress(f"profiling ours, {kind}")
        profiles[kind] = profile(corpus / kind, work)
    return quality, speed, profiles


def bench(corpus: Path | None = None, output: Path | None = None, sizes: tuple[int, ...] | None = None,
          with_profile: bool = True) -> int:
    """Measure everything, print the report and write it to `output`; 2: no corpus, 1: a measured run failed.

    `sizes`: page counts of the replicated text runs (default SCALE_SIZES; empty: none). The report is
    written once before the (long) scale runs and again after them.
    """
    problem = corpus_problem(corpus) if corpus else default_corpus_problem()
    corpus, output = corpus or DEFAULT_CORPUS, output or DEFAULT_OUTPUT
    sizes = SCALE_SIZES if sizes is None else sizes
    if problem:
        print(f"newsclean bench: {problem}", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as temporary:
            work = Path(temporary)
            startup = startup_seconds(corpus, work)
            quality, speed, profiles = measure_corpus(corpus, work, startup, with_profile)
            report = render(corpus, quality, speed, {}, profiles, startup, scale_pending=bool(sizes))
            output.write_text(report, "utf-8")
            if sizes:
                progress(f"written to {output}; now the scale runs")
                scaled = scale_runs(corpus, work, sizes, startup)
                report = render(corpus, quality, speed, scaled, profiles, startup)
                output.write_text(report, "utf-8")
    except BenchError as exc:
        print(f"newsclean bench: {exc}", file=sys.stderr)
        return 1
    print(report, end="")
    progress(f"written to {output}")
    return 0
