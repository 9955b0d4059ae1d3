"""The Dask path: ``--engine dask`` against a ``distributed.LocalCluster``, and :func:`parse_bag`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dask.bag as db
import pytest
from distributed import Client, LocalCluster

from batchgen import Corpus, generate
from beslutsparser.batch import DUCKDB_NAME, BatchOptions, run_batch
from beslutsparser.batch_dask import parse_bag
from test_batch import tables


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return generate(tmp_path_factory.mktemp("dask") / "docs", 60, broken=0.1, pdfs=2, seed=5)


def test_dask_engine_gives_the_local_engines_tables(cluster: LocalCluster, corpus: Corpus, tmp_path: Path) -> None:
    options = BatchOptions(engine="dask", scheduler=cluster.scheduler_address, formats=("duckdb",))
    on_dask = run_batch([str(corpus.root)], tmp_path / "dask", options)
    local = run_batch([str(corpus.root)], tmp_path / "local", BatchOptions(jobs=2, formats=("duckdb",)))
    assert (on_dask.parsed, on_dask.failed + on_dask.duplicates) == (len(corpus.good), len(corpus.broken))
    assert tables(tmp_path / "dask" / DUCKDB_NAME) == tables(tmp_path / "local" / DUCKDB_NAME)
    assert (local.parsed, local.failed) == (on_dask.parsed, on_dask.failed)


def test_parse_bag_maps_parse_over_paths(cluster: LocalCluster, corpus: Corpus) -> None:
    paths = [str(corpus.root / d.path) for d in corpus.documents[:20]]
    with Client(cluster) as client:
        records = parse_bag(db.from_sequence(paths, npartitions=4)).compute(scheduler=client)
    assert [r["path"] for r in records] == paths
    expected = {str(corpus.root / d.path): d for d in corpus.documents[:20]}
    for record in records:
        doc = expected[record["path"]]
        if doc.expected == "ok":
            assert record["status"] == "ok"
            assert len(record["protocol"]["decisions"]) == doc.paragraphs
        else:
            assert (record["status"], record["code"], record["protocol"]) == ("error", doc.expected, None)
