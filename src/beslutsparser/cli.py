"""The command line: ``beslutsparser parse FILE [--format json|jsonl]``, ``batch SRC... -o OUT``, ``stats DB``.

Exit status 0 on success; 2 with a one-line reason on stderr for input that cannot
be read (empty, binary, encrypted, corrupt).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from . import __version__, batch, stats
from .export import to_json, to_jsonl
from .load import LoadError
from .pipeline import parse


def _parse_cmd(args: argparse.Namespace) -> int:
    try:
        protocol = parse(args.file, reference_date=args.reference_date, ocr=args.ocr, actors=args.actors)
    except LoadError as err:
        print(f"beslutsparser: {args.file}: {err.code}: {err}", file=sys.stderr)
        return 2
    out = to_jsonl(protocol) if args.format == "jsonl" else to_json(protocol)
    sys.stdout.buffer.write(out + b"\n")
    sys.stdout.flush()
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``beslutsparser`` command."""
    ap = argparse.ArgumentParser(prog="beslutsparser", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"beslutsparser {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse one protocol (PDF or text) and print its JSON record")
    p.add_argument("file")
    p.add_argument("--format", choices=("json", "jsonl"), default="json")
    p.add_argument("--reference-date", type=date.fromisoformat, default=None,
                   help="meeting date to assume when the protocol states none (YYYY-MM-DD)")
    p.add_argument("--actors", choices=("model", "rules", "off"), default="model",
                   help="actors by rules plus the trained model (default), by rules alone (faster), or none")
    ocr = p.add_mutually_exclusive_group()
    ocr.add_argument("--ocr", dest="ocr", action="store_true", default=None, help="OCR every PDF page")
    ocr.add_argument("--no-ocr", dest="ocr", action="store_false", help="never OCR")
    p.set_defaults(func=_parse_cmd)
    batch.configure_parser(sub.add_parser("batch", help="parse whole archives into DuckDB, Parquet and JSON Lines"))
    stats.configure_parser(sub.add_parser("stats", help="summarise a batch's DuckDB database"))
    return ap


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``beslutsparser`` command."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
