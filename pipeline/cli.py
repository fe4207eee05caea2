"""Command line: run | explain | rules | bench | train."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.pool import DEFAULT_TIMEOUT
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.sinks import PER_SHARD

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def cmd_run(args) -> int:
    from pipeline.cache import Busy
    from pipeline.engines import EngineUnavailable
    from pipeline.runner import Settings, run

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
    except (Busy, EngineUnavailable) as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print_summary(summary, args.output)
    return EXIT_REJECTED if summary["rejected"] else EXIT_OK


def print_summary(summary: dict, output: Path) -> None:
    rate = summary["cleaned"] / summary["seconds"] if summary["seconds"] else 0.0
    print(f"{summary['pages']} pages: {summary['records']} records, {summary['rejected']} rejected -> {output}")
    print(f"  cleaned {summary['cleaned']}, unchanged since the last run {summary['reused']} "
          f"({summary['seconds']:.1f} s, {rate:.0f} pages/s)")
    for reason, n in summary["rejections_by_reason"].items():
        print(f"  rejected {reason}: {n}")
    fired = sorted(summary["rules_fired"].items(), key=lambda kv: -kv[1])
    if fired:
        print("  rules fired: " + ", ".join(f"{rule} {n}" for rule, n in fired))


def cmd_explain(args) -> int:
    from pipeline.explain import explain

    try:
        print(explain(args.page, all_types=args.all_types), end="")
    except LookupError as exc:
        print(f"newsclean: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_rules(args) -> int:
    from pipeline.rules import catalog

    for rule in catalog():
        kind = "check" if rule.check else rule.action
        scope = f" [site {rule.site}]" if rule.site else ""
        print(f"{rule.id}  {rule.name:30s} ({kind}){scope}\n       {rule.doc}")
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
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="clean every page under INPUT (a folder, or one page or WARC file) "
                         "into OUTPUT/<id>.json")
    run.add_argument("input", type=Path)
    run.add_argument("output", type=Path)
    run.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    run.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                     help=f"reject a page larger than this, as stored or unzipped (default: {DEFAULT_MAX_BYTES})")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                     help=f"reject a page that takes longer than this many seconds (default: {DEFAULT_TIMEOUT:g})")
    run.add_argument("--format", choices=("json", "jsonl"), default="json",
                     help="json: OUTPUT/<id>.json per record (default); jsonl: OUTPUT/records-NNNNN.jsonl shards")
    run.add_argument("--shard-size", type=int, default=PER_SHARD, help=f"records per JSON Lines shard (default: {PER_SHARD})")
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
    rules = sub.add_parser("rules", help="list the boilerplate rules with their docs")
    rules.set_defaults(func=cmd_rules)
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
