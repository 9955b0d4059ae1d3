"""Batch inputs: files, folders, globs and archives, and the bounds that keep archives safe."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from beslutsparser.sources import Item, Limits, count_items, iter_items, unsafe_member_name

TEXT = "§ 1 Val av justerare\n\nBeslut\nNämnden utser Bo Ek.\n".encode()


def _zip(path: Path, members: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16) | 0
            zf.writestr(info, b"/etc/passwd")


def _tar(path: Path, members: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> None:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name in symlinks:
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            tf.addfile(info)


def _tree(root: Path) -> None:
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "docs" / "b.txt").write_bytes(TEXT)
    (root / "docs" / "a.txt").write_bytes(TEXT + b"a")
    (root / "docs" / "sub" / "c.PDF").write_bytes(b"%PDF-1.4 not really")
    (root / "docs" / "notes.md").write_bytes(b"not a protocol")
    (root / "one.protokoll").write_bytes(TEXT)


Setup = Callable[[Path], None]
Row = tuple[str, Setup, list[str], Limits, list[tuple[str, str | None]]]

CASES: list[Row] = [
    ("file-any-suffix", _tree, ["one.protokoll"], Limits(), [("one.protokoll", None)]),
    (
        "folder-recursive-sorted",
        _tree,
        ["docs"],
        Limits(),
        [("docs/a.txt", None), ("docs/b.txt", None), ("docs/sub/c.PDF", None)],
    ),
    ("glob", _tree, ["docs/*.txt"], Limits(), [("docs/a.txt", None), ("docs/b.txt", None)]),
    (
        "glob-recursive",
        _tree,
        ["**/*.PDF"],
        Limits(),
        [("docs/sub/c.PDF", None)],
    ),
    (
        "zip-members",
        lambda r: _zip(r / "a.zip", {"x.txt": TEXT, "d/y.pdf": b"%PDF-", "readme.md": b"skip"}),
        ["a.zip"],
        Limits(),
        [("a.zip!x.txt", None), ("a.zip!d/y.pdf", None)],
    ),
    (
        "tar-gz-members",
        lambda r: _tar(r / "a.tar.gz", {"x.txt": TEXT, "d/y.TXT": TEXT}),
        ["a.tar.gz"],
        Limits(),
        [("a.tar.gz!x.txt", None), ("a.tar.gz!d/y.TXT", None)],
    ),
    (
        "neg-zip-path-traversal",
        lambda r: _zip(r / "a.zip", {"../evil.txt": TEXT, "/etc/abs.txt": TEXT, "ok.txt": TEXT}),
        ["a.zip"],
        Limits(),
        [("a.zip!../evil.txt", "unsafe-path"), ("a.zip!/etc/abs.txt", "unsafe-path"), ("a.zip!ok.txt", None)],
    ),
    (
        "neg-zip-symlink",
        lambda r: _zip(r / "a.zip", {"ok.txt": TEXT}, symlinks=("link.txt",)),
        ["a.zip"],
        Limits(),
        [("a.zip!ok.txt", None), ("a.zip!link.txt", "unsafe-member")],
    ),
    (
        "neg-tar-traversal-and-symlink",
        lambda r: _tar(r / "a.tgz", {"../../x.txt": TEXT}, symlinks=("link.txt",)),
        ["a.tgz"],
        Limits(),
        [("a.tgz!../../x.txt", "unsafe-path"), ("a.tgz!link.txt", "unsafe-member")],
    ),
    (
        "neg-member-too-large",
        lambda r: _zip(r / "a.zip", {"big.txt": b"0" * 5000, "small.txt": TEXT}),
        ["a.zip"],
        Limits(max_document_bytes=1000),
        [("a.zip!big.txt", "too-large"), ("a.zip!small.txt", None)],
    ),
    (
        "neg-file-too-large",
        lambda r: (r / "big.txt").write_bytes(b"x" * 5000),
        ["big.txt"],
        Limits(max_document_bytes=1000),
        [("big.txt", "too-large")],
    ),
    (
        "neg-zip-bomb-refused-whole",
        lambda r: _zip(r / "bomb.zip", {f"{n}.txt": b"\0" * 400_000 for n in range(5)}),
        ["bomb.zip"],
        Limits(max_archive_bytes=1_000_000),
        [("bomb.zip", "archive-too-large")],
    ),
    (
        "neg-tar-bomb-refused-whole",
        lambda r: _tar(r / "bomb.tar.gz", {f"{n}.txt": b"\0" * 400_000 for n in range(5)}),
        ["bomb.tar.gz"],
        Limits(max_archive_bytes=1_000_000),
        [("bomb.tar.gz", "archive-too-large")],
    ),
    (
        "neg-corrupt-zip",
        lambda r: (r / "bad.zip").write_bytes(b"PK\x03\x04 this is no zip"),
        ["bad.zip"],
        Limits(),
        [("bad.zip", "corrupt-archive")],
    ),
    ("neg-not-found", _tree, ["nowhere.txt"], Limits(), [("nowhere.txt", "not-found")]),
    ("neg-glob-matches-nothing", _tree, ["docs/*.docx"], Limits(), [("docs/*.docx", "not-found")]),
]


@pytest.mark.parametrize(("setup", "sources", "limits", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_iter_items(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setup: Setup,
    sources: list[str],
    limits: Limits,
    expected: list[tuple[str, str | None]],
) -> None:
    monkeypatch.chdir(tmp_path)
    setup(tmp_path)
    items = list(iter_items(sources, limits))
    assert [(i.path, i.code) for i in items] == expected
    for item in items:
        assert (item.data is None) == (item.code is not None)
    assert count_items(sources, limits) == len(expected)


def test_member_bytes_are_the_members(tmp_path: Path) -> None:
    _zip(tmp_path / "a.zip", {"x.txt": TEXT})
    assert list(iter_items([str(tmp_path / "a.zip")])) == [Item(f"{tmp_path / 'a.zip'}!x.txt", TEXT)]


def test_nothing_is_extracted_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    monkeypatch.chdir(tmp_path / "in")
    _zip(tmp_path / "in" / "a.zip", {"../evil.txt": TEXT, "../../evil2.txt": TEXT})
    list(iter_items(["a.zip"]))
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.zip", "in"]


@pytest.mark.parametrize(
    ("name", "unsafe"),
    [
        ("dir/x.txt", False),
        ("x..y.txt", False),
        ("../x.txt", True),
        ("a/../../x.txt", True),
        ("/abs.txt", True),
        ("\\\\server\\x.txt", True),
        ("C:\\x.txt", True),
        ("nul\x00.txt", True),
    ],
    ids=["nested", "dots-in-name", "parent", "climbs-out", "absolute", "unc", "drive-letter", "nul-byte"],
)
def test_unsafe_member_name(name: str, unsafe: bool) -> None:
    assert unsafe_member_name(name) is unsafe
