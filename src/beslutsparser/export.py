"""Export: records to JSON, JSON Lines and relational tables (DuckDB, Parquet).

JSON and JSON Lines use msgspec's encoder (fast, exact UTF-8).

The tables are derived from the record types of :mod:`beslutsparser.model`, so a field
another module adds to a record becomes a column with no change here:

- a scalar field is a column of the same name; a ``Literal`` is text; a list of
  strings is a list column (``decisions.recipients``);
- a span (a pair of ints) is two columns, ``<name>_start`` and ``<name>_end``;
- a nested record (``Protocol.source``, ``Protocol.meeting``) is inlined with its
  name as prefix (``source_path``, ``meeting_organ``);
- a list of records is a child table named after the field (``decisions``,
  ``attendees``, ``ballots``); its rows carry their ancestors' ids and an
  ``ordinal`` (0-based place in the list). ``referenced_case_numbers`` shares
  ``case_numbers``, told apart by ``referenced``;
- a record with child tables has an id: ``protocol_id`` (sha256 of the source
  bytes), ``decision_id`` (``<sha256>#<paragraph>``; ``#<paragraph>-<n>`` for the
  n-th repeat of a § number in one protocol), otherwise ``<singular>_id`` =
  ``<parent id>/<ordinal>`` (``vote_id``);
- anything else (a dict, another tuple) is JSON text.

``protocols`` also gets ``meeting_year`` (from ``meeting_date``); ``errors`` and
``files`` record the documents that failed and what became of every input path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from .model import Protocol

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

_encoder = msgspec.json.Encoder()


def to_json(protocol: Protocol, *, indent: int = 2) -> bytes:
    """The record as pretty JSON (``indent`` spaces)."""
    return msgspec.json.format(_encoder.encode(protocol), indent=indent)


def to_jsonl(protocol: Protocol) -> bytes:
    """The record as one line of JSON, without a trailing newline."""
    return _encoder.encode(protocol)


PROTOCOL_TABLE = "protocols"
PROTOCOL_KEY = "protocol_id"
DECISION_KEY = "decision_id"
ERRORS_TABLE = "errors"
FILES_TABLE = "files"
YEAR_COLUMN = "meeting_year"
ROWS_PER_GROUP = 16384
"""Parquet row groups are written at this many rows, so the writer never holds a whole partition."""
PARTITION_COLUMNS = ("meeting_authority", "meeting_organ", YEAR_COLUMN)
"""The Parquet dataset's hive partitions: the protocol's authority, organ and meeting year."""
SHARED_TABLES: dict[str, tuple[str, str, bool]] = {
    "case_numbers": ("case_numbers", "referenced", False),
    "referenced_case_numbers": ("case_numbers", "referenced", True),
}
"""List fields stored in one table, told apart by a boolean column: field → (table, column, value)."""

ColumnKind = Literal["str", "int", "float", "bool", "str_list", "json"]
_Type = msgspec.inspect.Type


@dataclass(frozen=True)
class _Column:
    name: str
    kind: ColumnKind
    path: tuple[str, ...] = ()
    """Attribute path from the table's record; empty for keys and derived columns."""
    index: int | None = None
    """For a span: 0 (start) or 1 (end)."""


@dataclass
class _Node:
    """How one record type becomes rows of ``table``."""

    table: str
    id_column: str | None
    columns: list[_Column] = field(default_factory=list)
    children: list[tuple[tuple[str, ...], _Node]] = field(default_factory=list)
    flag: tuple[str, bool] | None = None


def _unwrap(t: _Type) -> _Type:
    if isinstance(t, msgspec.inspect.UnionType):
        rest = [x for x in t.types if not isinstance(x, msgspec.inspect.NoneType)]
        if len(rest) == 1:
            return rest[0]
    return t


def _record_list(t: _Type) -> msgspec.inspect.StructType | None:
    if isinstance(t, msgspec.inspect.ListType):
        item = _unwrap(t.item_type)
        if isinstance(item, msgspec.inspect.StructType):
            return item
    return None


def _scalar_kind(t: _Type) -> ColumnKind:
    if isinstance(t, msgspec.inspect.StrType | msgspec.inspect.LiteralType):
        return "str"
    if isinstance(t, msgspec.inspect.BoolType):
        return "bool"
    if isinstance(t, msgspec.inspect.IntType):
        return "int"
    if isinstance(t, msgspec.inspect.FloatType):
        return "float"
    if isinstance(t, msgspec.inspect.ListType) and isinstance(_unwrap(t.item_type), msgspec.inspect.StrType):
        return "str_list"
    return "json"


def _is_span(t: _Type) -> bool:
    return (
        isinstance(t, msgspec.inspect.TupleType)
        and len(t.item_types) == 2
        and all(isinstance(x, msgspec.inspect.IntType) for x in t.item_types)
    )


def _has_children(struct: msgspec.inspect.StructType) -> bool:
    for f in struct.fields:
        t = _unwrap(f.type)
        if _record_list(t) or (isinstance(t, msgspec.inspect.StructType) and _has_children(t)):
            return True
    return False


class _Planner:
    """Derives the flattening plan and every table's columns from the record types."""

    def __init__(self) -> None:
        self.tables: dict[str, list[_Column]] = {}

    def node(
        self,
        struct: msgspec.inspect.StructType,
        table: str,
        keys: tuple[str, ...],
        flag: tuple[str, bool] | None = None,
    ) -> _Node:
        id_column = PROTOCOL_KEY if not keys else f"{table.removesuffix('s')}_id" if _has_children(struct) else None
        node = _Node(table, id_column, flag=flag)
        own_keys = (*keys, id_column) if id_column else keys
        self._fill(node, struct, (), "", own_keys)
        columns = [_Column(k, "str") for k in own_keys]
        if keys:
            columns.append(_Column("ordinal", "int"))
        if flag:
            columns.append(_Column(flag[0], "bool"))
        columns += node.columns
        if not keys:
            columns.append(_Column(YEAR_COLUMN, "int"))
        known = self.tables.setdefault(table, columns)
        if [c.name for c in known] != [c.name for c in columns]:
            raise TypeError(f"table {table} is shared by records of different shapes")
        return node

    def _fill(
        self, node: _Node, struct: msgspec.inspect.StructType, path: tuple[str, ...], prefix: str, keys: tuple[str, ...]
    ) -> None:
        for f in struct.fields:
            t = _unwrap(f.type)
            attr = (*path, f.name)
            name = prefix + f.name
            item = _record_list(t)
            if item is not None:
                table, flag, value = SHARED_TABLES.get(f.name, (f.name, "", False))
                node.children.append((attr, self.node(item, table, keys, (flag, value) if flag else None)))
            elif isinstance(t, msgspec.inspect.StructType):
                self._fill(node, t, attr, f"{name}_", keys)
            elif _is_span(t):
                node.columns += [_Column(f"{name}_start", "int", attr, 0), _Column(f"{name}_end", "int", attr, 1)]
            else:
                node.columns.append(_Column(name, _scalar_kind(t), attr))


@cache
def _plan() -> tuple[_Node, dict[str, list[_Column]]]:
    info = msgspec.inspect.type_info(Protocol)
    assert isinstance(info, msgspec.inspect.StructType)
    planner = _Planner()
    root = planner.node(info, PROTOCOL_TABLE, ())
    planner.tables[ERRORS_TABLE] = [_Column(n, "str") for n in ("path", "sha256", "code", "message")]
    planner.tables[FILES_TABLE] = [_Column(n, "str") for n in ("path", PROTOCOL_KEY, "status")]
    return root, planner.tables


def table_columns() -> dict[str, list[tuple[str, ColumnKind]]]:
    """Every table's columns in order, as ``(name, kind)``: str, int, float, bool, str_list or json."""
    return {table: [(c.name, c.kind) for c in columns] for table, columns in _plan()[1].items()}


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        obj = getattr(obj, name)
    return obj


def _value(column: _Column, record: Any) -> Any:
    obj = _get(record, column.path)
    if obj is None:
        return None
    if column.index is not None:
        return obj[column.index]
    if column.kind == "json":
        return _encoder.encode(obj).decode("utf-8")
    if column.kind == "str_list":
        return list(obj)
    return obj


def _meeting_year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


class TableRows:
    """Rows of every table, column by column, added one protocol (or failure) at a time."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list[Any]]] = {
            table: {c.name: [] for c in columns} for table, columns in _plan()[1].items()
        }

    def _add(self, node: _Node, obj: Any, keys: dict[str, Any]) -> None:
        out = self.columns[node.table]
        for name, value in keys.items():
            out[name].append(value)
        if node.flag:
            out[node.flag[0]].append(node.flag[1])
        for column in node.columns:
            out[column.name].append(_value(column, obj))
        own = {k: v for k, v in keys.items() if k != "ordinal"}
        parent_id = own[node.id_column] if node.id_column else ""
        for path, child in node.children:
            repeats: dict[int, int] = {}
            for ordinal, item in enumerate(_get(obj, path)):
                child_keys = dict(own)
                if child.id_column == DECISION_KEY:
                    repeats[item.paragraph] = repeats.get(item.paragraph, 0) + 1
                    suffix = f"-{repeats[item.paragraph]}" if repeats[item.paragraph] > 1 else ""
                    child_keys[DECISION_KEY] = f"{own[PROTOCOL_KEY]}#{item.paragraph}{suffix}"
                elif child.id_column:
                    child_keys[child.id_column] = f"{parent_id}/{ordinal}"
                child_keys["ordinal"] = ordinal
                self._add(child, item, child_keys)

    def add_protocol(self, protocol_id: str, protocol: Protocol) -> None:
        """Add the rows of one protocol, in all its tables."""
        self._add(_plan()[0], protocol, {PROTOCOL_KEY: protocol_id})
        self.columns[PROTOCOL_TABLE][YEAR_COLUMN].append(_meeting_year(protocol.meeting.date))

    def add_error(self, path: str, sha256: str | None, code: str, message: str) -> None:
        """Add one document that could not be parsed."""
        for name, value in (("path", path), ("sha256", sha256), ("code", code), ("message", message)):
            self.columns[ERRORS_TABLE][name].append(value)

    def add_file(self, path: str, protocol_id: str | None, status: str) -> None:
        """Add one input path and what became of it: ``ok``, ``error`` or ``duplicate`` (same bytes as another)."""
        for name, value in (("path", path), (PROTOCOL_KEY, protocol_id), ("status", status)):
            self.columns[FILES_TABLE][name].append(value)

    def to_arrow(self) -> dict[str, pa.Table]:
        """Every table as a ``pyarrow.Table`` (an empty table keeps its columns)."""
        import pyarrow as pa

        return {table: pa.table(columns, schema=arrow_schema(table)) for table, columns in self.columns.items()}


def arrow_schema(table: str) -> pa.Schema:
    """The ``pyarrow`` schema of ``table``."""
    import pyarrow as pa

    types: dict[ColumnKind, pa.DataType] = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "json": pa.string(),
        "str_list": pa.list_(pa.string()),
    }
    return pa.schema([(c.name, types[c.kind]) for c in _plan()[1][table]])


def quote(name: str) -> str:
    """An SQL identifier in double quotes (``references`` is a reserved word)."""
    return '"' + name.replace('"', '""') + '"'


def create_duckdb_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table (empty) and the ``case_history`` view in ``con``."""
    for table, arrow in TableRows().to_arrow().items():
        con.register("_empty", arrow)
        con.execute(f"CREATE TABLE {quote(table)} AS SELECT * FROM _empty")
        con.unregister("_empty")
    con.execute(CASE_HISTORY_SQL)


def append_duckdb(con: duckdb.DuckDBPyConnection, rows: TableRows) -> None:
    """Append ``rows`` to the tables of ``con`` (made by :func:`create_duckdb_tables`)."""
    for table, arrow in rows.to_arrow().items():
        if arrow.num_rows:
            con.register("_chunk", arrow)
            con.execute(f"INSERT INTO {quote(table)} SELECT * FROM _chunk")
            con.unregister("_chunk")


CASE_HISTORY_SQL = f"""
CREATE OR REPLACE VIEW case_history AS
WITH decided AS (
    SELECT d.decision_id, d.protocol_id, d.paragraph, d.title, d.outcome,
           p.meeting_authority AS authority, p.meeting_organ AS organ, TRY_CAST(p.meeting_date AS DATE) AS date
    FROM decisions d JOIN protocols p USING (protocol_id)
),
own AS (
    SELECT DISTINCT normalized AS case_number, decision_id FROM case_numbers WHERE NOT referenced
),
cited AS (
    SELECT o.case_number, t.decision_id, min(r.decision_id) AS cited_by
    FROM own o
    JOIN {quote("references")} r ON r.decision_id = o.decision_id
    JOIN decided s ON s.decision_id = o.decision_id
    JOIN decided t ON lower(t.organ) = lower(r.organ) AND t.paragraph = r.paragraph
        AND (t.date = TRY_CAST(r.date AS DATE) OR (r.date IS NULL AND year(t.date) = r.year))
        AND t.authority IS NOT DISTINCT FROM s.authority
    WHERE (o.case_number, t.decision_id) NOT IN (SELECT (case_number, decision_id) FROM own)
    GROUP BY o.case_number, t.decision_id
),
links AS (
    SELECT case_number, decision_id, 'case_number' AS link, NULL::VARCHAR AS cited_by FROM own
    UNION ALL
    SELECT case_number, decision_id, 'reference', cited_by FROM cited
)
SELECT l.case_number,
       row_number() OVER (PARTITION BY l.case_number
                          ORDER BY d.date NULLS LAST, d.organ, d.paragraph, d.decision_id) AS step,
       d.date, d.authority, d.organ, d.paragraph, d.title, d.outcome, l.link, l.cited_by,
       d.decision_id, d.protocol_id
FROM links l JOIN decided d USING (decision_id)
ORDER BY l.case_number, step
"""
"""``case_history``: every decision of a case, in date order, across organs and meetings.

A decision belongs to a case by its own normalised case number (``link = 'case_number'``),
or because a decision of the case cites it (``link = 'reference'``, ``cited_by`` the citing
decision): a reference's organ (any case), § and date (or year) matched against a decision
of the same authority in the archive. One hop: what the cited decision cites is not followed.
"""


def write_parquet(con: duckdb.DuckDBPyConnection, out_dir: str | Path) -> None:
    """Write every table of ``con`` to ``out_dir/<table>/``, hive-partitioned by :data:`PARTITION_COLUMNS`.

    Child tables get the partition columns of their protocol; ``errors`` and ``files``
    are not partitioned. Rows keep the tables' order. An empty table is one empty file.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    partition_sql = ", ".join(f"p.{c}" for c in PARTITION_COLUMNS)
    for table, columns in _plan()[1].items():
        names = {c.name for c in columns}
        if table in (ERRORS_TABLE, FILES_TABLE):
            partitioned = False
            sql = f"SELECT * FROM {quote(table)}"
        elif table == PROTOCOL_TABLE:
            partitioned = True
            sql = f"SELECT * FROM {quote(table)} ORDER BY rowid"
        else:
            partitioned = PROTOCOL_KEY in names
            sql = (
                f"SELECT t.*, {partition_sql} FROM {quote(table)} t JOIN protocols p USING ({PROTOCOL_KEY}) "
                "ORDER BY p.rowid, t.rowid"
            )
        target = root / table
        empty = not con.execute(f"SELECT count(*) FROM {quote(table)}").fetchall()[0][0]
        reader = con.sql(sql).to_arrow_reader(65536)
        if empty:
            target.mkdir()
            pq.write_table(reader.read_all(), target / "part-0.parquet")
            continue
        partitioning = None
        if partitioned:
            fields = [reader.schema.field(c) for c in PARTITION_COLUMNS]
            partitioning = ds.partitioning(pa.schema(fields), flavor="hive")
        ds.write_dataset(
            reader,
            target,
            format="parquet",
            partitioning=partitioning,
            basename_template="part-{i}.parquet",
            existing_data_behavior="error",
            preserve_order=True,
            use_threads=False,
            max_rows_per_group=ROWS_PER_GROUP,
            min_rows_per_group=0,
        )


def read_parquet(root: str | Path, table: str) -> pa.Table:
    """Read one table of a Parquet dataset written by :func:`write_parquet`, partition columns included."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    schema = arrow_schema(table)
    partitioning = None
    if table not in (ERRORS_TABLE, FILES_TABLE):
        keys = pa.schema([arrow_schema(PROTOCOL_TABLE).field(c) for c in PARTITION_COLUMNS])
        partitioning = ds.partitioning(keys, flavor="hive")
        if table != PROTOCOL_TABLE:
            schema = pa.unify_schemas([schema, keys])
    return ds.dataset(Path(root) / table, format="parquet", partitioning=partitioning, schema=schema).to_table()
