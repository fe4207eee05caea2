"""Command line: run | explain | rules | report | bench | train."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

from pipeline import __version__
from pipeline.pool import DEFAULT_TIMEOUT
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.sinks import FORMATS, PER_SHARD

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
CASES = Path(__file__).resolve().parent.parent / "tests" / "rules" / "cases"  # in a checkout
RULE_KINDS = ("drop: removes every line one of its patterns matches; trim: cuts only the matched text out of a line "
              "(a line left empty goes); check: code that sees the whole page picks the lines to remove.")


def cmd_run(args) -> int:
    from pipeline.cache import Busy
    from pipeline.engines import EngineUnavailable
    from pipeline.runner import Settings, run
    from pipeline.sinks import FormatUnavailable

    if not (args.input.is_dir() or args.input.is_file()):
        print(f"newsclean: input not found (a folder, or one page or WARC file): {args.input}", file=sys.stderr)
        return EXIT_USAGE
    if args.output.resolve() == args.input.resolve():
        print("newsclean: OUTPUT must not be the INPUT folder", file=sys.stderr)
        return EXIT_USAGE
    if args.workers < 1 or args.timeout <= 0 or args.max_bytes < 1 or args.shard_size < 1:
        print("newsclean: --workers, --timeout, --max-bytes and --shard-size must be positive", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings(max_bytes=args.max_bytes, timeout=args.timeout, workers=args.workers, engine=args.engine,
                        address=args.address, output_format=args.format, shard_size=args.shard_size,
                        all_types=args.all_types)
    try:
        summary = run(args.input, args.output, settings, progress=None if not args.quiet else False)
    except (Busy, EngineUnavailable, FormatUnavailable) as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print_summary(summary, args.output)
    return EXIT_REJECTED if summary["rejected"] else EXIT_OK


def print_summary(summary: dict, output: Path) -> None:
    """The run in a few lines; the pages add up: cleaned + unchanged + refused unread = pages."""
    rate = summary["cleaned"] / summary["seconds"] if summary["seconds"] else 0.0
    print(f"{summary['pages']} pages: {summary['records']} records, {summary['rejected']} rejected -> {output}")
    refused = f", refused before reading {summary['refused']}" if summary["refused"] else ""
    print(f"  cleaned {summary['cleaned']}, unchanged since the last run {summary['reused']}{refused} "
          f"({summary['seconds']:.1f} s, {rate:.0f} pages/s)")
    for reason, n in summary["rejections_by_reason"].items():
        print(f"  rejected {reason}: {n}")
    fired = sorted(summary["rules_fired"].items(), key=lambda kv: -kv[1])
    if fired:
        print("  rules fired: " + ", ".join(f"{rule} {n}" for rule, n in fired))
    duplicates = summary["duplicates"]
    if duplicates["groups"]:
        groups = f"{duplicates['groups']} group{'s' * (duplicates['groups'] != 1)}"
        print(f"  duplicate stories: {groups} of {duplicates['records']} records (_duplicates.jsonl)")


def cmd_explain(args) -> int:
    from pipeline.explain import explain

    try:
        text, rejected = explain(args.page, all_types=args.all_types)
    except LookupError as exc:
        print(f"newsclean: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    print(text, end="")
    if rejected:
        print(f"newsclean: {args.page} becomes no record: {rejected.reason}", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def cmd_rules(args) -> int:
    from pipeline.rules import catalog, retired

    rules = {rule.id: rule for rule in catalog()}
    if args.rule:
        rule = rules.get(args.rule.upper())
        if args.rule.upper() in retired():
            name, why = retired()[args.rule.upper()]
            print(f"{args.rule.upper()} {name}: retired ({why})")
            return EXIT_OK
        if rule is None:
            print(f"newsclean: no rule {args.rule} (`rules` lists them)", file=sys.stderr)
            return EXIT_USAGE
        print(describe_rule(rule), end="")
        return EXIT_OK
    print(f"Boilerplate rules by id. {RULE_KINDS}\n`rules ID` shows one in full.\n")
    for rule in sorted(rules.values(), key=lambda r: r.id):
        scope = f" [site {rule.site}]" if rule.site else ""
        print(f"{rule.id}  {rule.name:30s} ({rule_kind(rule)}){scope}\n       {rule.doc}")
    return EXIT_OK


def rule_kind(rule) -> str:
    return "check" if rule.check else rule.action


def describe_rule(rule) -> str:
    """One rule in full: its doc, its patterns or check, where it applies, and its cases file."""
    lines = [f"{rule.id} {rule.name} ({rule_kind(rule)})", f"  {rule.doc}",
             f"  formats: {', '.join(rule.formats)}" + (f"; site: {rule.site}" if rule.site else "")]
    if rule.check:
        doc = " ".join((rule.check.__doc__ or "").split())
        lines.append(f"  check: {rule.check.__module__}.{rule.check.__name__}" + (f": {doc}" if doc else ""))
    else:
        ignore_case = rule.patterns and rule.patterns[0].flags & re.I
        limit = f", on lines of at most {rule.max_words} words" if rule.max_words is not None else ""
        lines.append(f"  patterns ({'case-insensitive' if ignore_case else 'case-sensitive'}{limit}):")
        lines += [f"    {pattern.pattern}" + (f"   (only on lines holding {needs!r})" if needs else "")
                  for pattern, needs in zip(rule.patterns, rule.needs)]
    cases = CASES / f"{rule.id}.yaml"
    if not cases.is_file():
        lines.append(f"  cases: tests/rules/cases/{rule.id}.yaml in a checkout (looked in {CASES}: not there)")
        return "\n".join(lines) + "\n"
    examples = yaml.safe_load(cases.read_text("utf-8")) or {}
    lines.append(f"  cases: {cases.relative_to(CASES.parent.parent.parent)}")
    for kind in ("remove", "keep"):
        lines += [f"    {kind}: {example if isinstance(example, str) else 'a page of lines (see the file)'}"
                  for example in examples.get(kind, [])]
    return "\n".join(lines) + "\n"


def cmd_report(args) -> int:
    from pipeline.report import ReportError, report

    try:
        index = report(args.output, args.input, workers=args.workers, timeout=args.timeout)
    except ReportError as exc:
        print(f"newsclean report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"report -> {index}")
    return EXIT_OK


def cmd_bench(args) -> int:
    from pipeline.bench import bench
    from pipeline.learn.corpus import KINDS

    sizes = () if args.skip_scale else args.scale and tuple(int(n) for n in args.scale.split(","))
    kinds = tuple(args.kinds.split(",")) if args.kinds else KINDS
    return bench(args.corpus, args.output, sizes, with_profile=not args.skip_profile, kinds=kinds)


def cmd_train(args) -> int:
    from pipeline.learn.corpus import CorpusMissing
    from pipeline.learn.train import train

    try:
        return train(args.names)
    except CorpusMissing as exc:
        print(f"newsclean train: {exc}", file=sys.stderr)
        return EXIT_USAGE


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsclean", description="Scraped news pages in, clean article records out.")
    ap.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="clean every page under INPUT (a folder, or one page or WARC file) "
                         "into OUTPUT/<id>.json")
    run.add_argument("input", type=Path)
    run.add_argument("output", type=Path)
    run.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    run.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                     help=f"reject a page larger than this, as stored or unzipped (default: {DEFAULT_MAX_BYTES})")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                     help=f"reject a page that takes more than this many seconds of CPU time (default: {DEFAULT_TIMEOUT:g})")
    run.add_argument("--format", choices=FORMATS, default="json",
                     help="json: OUTPUT/<id>.json per record (default); jsonl: OUTPUT/records-NNNNN.jsonl shards; "
                     "parquet: OUTPUT/records-NNNNN.parquet shards (pip install 'newsclean[parquet]')")
    run.add_argument("--shard-size", type=int, default=PER_SHARD, help=f"records per shard (default: {PER_SHARD})")
    run.add_argument("--engine", choices=("local", "ray"), default="local",
                     help="local: worker processes on this machine (default); ray: Ray tasks (pip install 'newsclean[ray]')")
    run.add_argument("--address", help="the Ray cluster to run on (e.g. auto, or ray://HEAD:10001); default: a local Ray "
                     "with --workers CPUs")
    run.add_argument("--all-types", action="store_true", help="write every page as a record with its page_type "
                     "(forum, product, ...), not only articles (the others are rejected as not_article)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    run.set_defaults(func=cmd_run)
    explain = sub.add_parser("explain", help="show what happened to every line of PAGE (a file, or a WARC record: "
                             "crawl.warc.gz#17), and where metadata came from")
    explain.add_argument("page", type=Path)
    explain.add_argument("--all-types", action="store_true", help="clean the page even when it is no article")
    explain.set_defaults(func=cmd_explain)
    rules = sub.add_parser("rules", help="list the boilerplate rules by id with their docs, or show one (rules BP012)")
    rules.add_argument("rule", nargs="?", help="a rule id: its doc, patterns or check, and cases file")
    rules.set_defaults(func=cmd_rules)
    report = sub.add_parser("report", help="write a review site of a run to OUTPUT/_report/index.html: the summary, "
                            "and every page's kept and removed lines with the rule that removed each")
    report.add_argument("output", type=Path, help="a run's output folder")
    report.add_argument("--input", type=Path, help="the run's input folder (default: where the last run read, as its "
                        "cache remembers)")
    report.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: all cores)")
    report.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds a page may take")
    report.set_defaults(func=cmd_report)
    bench = sub.add_parser("bench", help="quality (in sample and cross-validated by site) and speed on the labelled "
                           "corpora beside bare trafilatura, written to BENCHMARKS.md")
    bench.add_argument("corpus", type=Path, nargs="?", help="folder holding the labelled corpora dev/ and train-wcxb/ "
                       "(default: ../shared/corpus beside the checkout)")
    bench.add_argument("--kinds", help="input kinds to measure, comma-separated (default: html,text-lynx,text-lynx80,"
                       "text-inscriptis; html is always needed)")
    bench.add_argument("--output", type=Path, help="where the report goes (default: BENCHMARKS.md in the checkout)")
    bench.add_argument("--scale", help="page counts of the replicated text runs, comma-separated (default: 10000,100000)")
    bench.add_argument("--skip-scale", action="store_true", help="leave out the replicated runs (speed at scale, memory)")
    bench.add_argument("--skip-profile", action="store_true", help="leave out the cProfile runs")
    bench.set_defaults(func=cmd_bench)
    train = sub.add_parser("train", help="rebuild the models in pipeline/models from the labelled corpora "
                           "(../shared/corpus), with their site-grouped cross-validated figures")
    train.add_argument("names", nargs="*", help="the models to rebuild (default: all)")
    train.set_defaults(func=cmd_train)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader went away (`... | head`): the work itself is done
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
