"""``beslutsparser stats DB``: a readable summary of a batch's DuckDB database.

Documents and §§, protocols and §§ by organ and year, outcomes, and warnings
and errors by code. ``DB`` is the database file or the batch's output folder.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .batch import DUCKDB_NAME

Row = tuple[object, ...]


@dataclass
class Stats:
    """The figures ``stats`` prints; each list holds rows of a small table."""

    protocols: int = 0
    pages: int = 0
    decisions: int = 0
    errors: int = 0
    duplicates: int = 0
    by_organ_year: list[Row] = field(default_factory=list)
    """(organ, year, protocols, decisions), by organ then year."""
    outcomes: list[Row] = field(default_factory=list)
    """(outcome, decisions), most frequent first."""
    warnings: list[Row] = field(default_factory=list)
    """(code, warnings, protocols), most frequent first."""
    error_codes: list[Row] = field(default_factory=list)
    """(code, documents), most frequent first."""


def database_path(path: str | Path) -> Path:
    """The database file: ``path`` itself, or ``path/beslutsparser.duckdb`` for a batch folder."""
    p = Path(path)
    return p / DUCKDB_NAME if p.is_dir() else p


def summarise(path: str | Path) -> Stats:
    """Read the figures from a batch database (opened read-only)."""
    import duckdb

    db = database_path(path)
    if not db.is_file():
        raise FileNotFoundError(f"no database at {db}")
    with duckdb.connect(str(db), read_only=True) as con:

        def rows(sql: str) -> list[Row]:
            return [tuple(r) for r in con.execute(sql).fetchall()]

        def one(sql: str) -> int:
            return int(rows(sql)[0][0] or 0)

        return Stats(
            protocols=one("SELECT count(*) FROM protocols"),
            pages=one("SELECT sum(source_pages) FROM protocols"),
            decisions=one("SELECT count(*) FROM decisions"),
            errors=one("SELECT count(*) FROM errors"),
            duplicates=one("SELECT count(*) FROM files WHERE status = 'duplicate'"),
            by_organ_year=rows(
                "SELECT coalesce(p.meeting_organ, '(unknown)'), p.meeting_year, count(DISTINCT p.protocol_id), "
                "count(d.decision_id) FROM protocols p LEFT JOIN decisions d USING (protocol_id) "
                "GROUP BY ALL ORDER BY 1, 2 NULLS LAST"
            ),
            outcomes=rows(
                "SELECT coalesce(outcome, '(none)'), count(*) FROM decisions GROUP BY ALL ORDER BY 2 DESC, 1"
            ),
            warnings=rows(
                "SELECT code, count(*), count(DISTINCT protocol_id) FROM warnings GROUP BY ALL ORDER BY 2 DESC, 1"
            ),
            error_codes=rows("SELECT code, count(*) FROM errors GROUP BY ALL ORDER BY 2 DESC, 1"),
        )


def _table(title: str, header: Row, rows: list[Row]) -> list[str]:
    if not rows:
        return [f"{title}: none", ""]
    cells = [["" if v is None else str(v) for v in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [f"{title}:"]
    for n, row in enumerate(cells):
        numeric = [n > 0 and isinstance(rows[n - 1][i], int) for i in range(len(row))]
        lines.append(
            "  "
            + "  ".join(
                c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric, strict=True)
            ).rstrip()
        )
    return [*lines, ""]


def format_stats(stats: Stats) -> str:
    """The figures as plain-text tables."""
    lines = [
        f"Documents: {stats.protocols:,} protocols ({stats.pages:,} PDF pages), {stats.errors:,} errors, "
        f"{stats.duplicates:,} duplicates",
        f"Decisions (§§): {stats.decisions:,}",
        "",
    ]
    lines += _table("By organ and year", ("organ", "year", "protocols", "§§"), stats.by_organ_year)
    lines += _table("Outcomes", ("outcome", "§§"), stats.outcomes)
    lines += _table("Warnings by code", ("code", "warnings", "protocols"), stats.warnings)
    lines += _table("Errors by code", ("code", "documents"), stats.error_codes)
    return "\n".join(lines).rstrip() + "\n"


def configure_parser(p: argparse.ArgumentParser) -> None:
    """Add the ``stats`` subcommand's arguments to ``p``."""
    p.add_argument("db", metavar="DB", help="the batch's DuckDB file or output folder")
    p.set_defaults(func=_stats_cmd)


def _stats_cmd(args: argparse.Namespace) -> int:
    try:
        stats = summarise(args.db)
    except FileNotFoundError as exc:
        print(f"beslutsparser stats: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(format_stats(stats))
    return 0
