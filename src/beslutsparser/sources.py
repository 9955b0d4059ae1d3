"""Batch inputs: files, folders, globs and archives, read one document at a time.

``iter_items(sources)`` turns command-line sources into :class:`Item` s, each a
document's *logical path* and its bytes, lazily (one document in memory at a
time):

- a file: read as it is, whatever its suffix (``protokoll.pdf``, ``ks.txt``);
- a folder: walked recursively in sorted order for ``*.pdf`` and ``*.txt``
  (any case); symbolic links to folders are not followed;
- a glob (``data/**/*.txt``, ``arkiv/ks-20??.zip``): its matches, sorted;
- an archive (``.zip``, ``.tar``, ``.tar.gz``, ``.tgz``): its ``*.pdf`` and
  ``*.txt`` members, as ``archive.zip!dir/member.txt``.

Archives are read in memory, never extracted, and bounded:

- a member whose name is absolute or climbs out (``../x.txt``, ``/etc/x.txt``,
  ``C:\\x.txt``) is refused (``unsafe-path``), as is a link or device member
  (``unsafe-member``);
- a document (file or member) larger than ``Limits.max_document_bytes`` is
  refused (``too-large``); members are read with a bound, so a zip whose
  header lies about the size is caught too;
- an archive whose documents together expand past ``Limits.max_archive_bytes``
  is refused whole (``archive-too-large``): a zip bomb never gets unpacked.

A refusal is an :class:`Item` with ``code`` and ``message`` and no data, so the
caller records it and goes on.
"""

from __future__ import annotations

import glob
import os
import stat
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

DOCUMENT_SUFFIXES = (".pdf", ".txt")
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")
MEMBER_SEPARATOR = "!"
_GLOB_CHARS = frozenset("*?[")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Bounds on what a batch reads: one document, and one archive's documents together."""

    max_document_bytes: int = 256 << 20
    max_archive_bytes: int = 8 << 30


@dataclass(frozen=True)
class Item:
    """One document to parse (``data``), or one refused (``code``, ``message``, no data).

    ``path`` is the logical path: the file as found, or ``archive!member``.
    """

    path: str
    data: bytes | None = None
    code: str | None = None
    message: str | None = None


class _Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def is_document_name(name: str) -> bool:
    """Whether a file or member name is a document a batch reads (``*.pdf``, ``*.txt``)."""
    return name.lower().endswith(DOCUMENT_SUFFIXES)


def archive_kind(name: str) -> str | None:
    """``"zip"``, ``"tar"`` or ``None`` by the name's suffix."""
    lower = name.lower()
    if lower.endswith(ZIP_SUFFIXES):
        return "zip"
    if lower.endswith(TAR_SUFFIXES):
        return "tar"
    return None


def unsafe_member_name(name: str) -> bool:
    """Whether an archive member name is absolute or climbs out of the archive."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in PurePosixPath(name.replace("\\", "/")).parts


def _read_bounded(stream: IO[bytes], limit: int, what: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _Refused("too-large", f"{what} expands past {limit} bytes")
    return b"".join(chunks)


def read_file(path: str, limits: Limits) -> Item:
    """One file as an :class:`Item`: its bytes, or why not (``too-large``, ``unreadable``)."""
    try:
        size = os.path.getsize(path)
        if size > limits.max_document_bytes:
            return Item(path, code="too-large", message=f"{size} bytes, over the {limits.max_document_bytes} limit")
        with open(path, "rb") as fh:
            return Item(path, _read_bounded(fh, limits.max_document_bytes, "the file"))
    except _Refused as exc:
        return Item(path, code=exc.code, message=str(exc))
    except OSError as exc:
        return Item(path, code="unreadable", message=f"cannot read it: {exc.strerror or exc}")


def _zip_members(path: str, limits: Limits, read: bool) -> Iterator[Item]:
    with zipfile.ZipFile(path) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir() and is_document_name(i.filename)]
        total = sum(i.file_size for i in infos)
        if total > limits.max_archive_bytes:
            raise _Refused("archive-too-large", f"documents expand to {total} bytes, over {limits.max_archive_bytes}")
        for info in infos:
            logical = f"{path}{MEMBER_SEPARATOR}{info.filename}"
            if unsafe_member_name(info.filename):
                yield Item(logical, code="unsafe-path", message="the member name is absolute or climbs out")
            elif stat.S_ISLNK(info.external_attr >> 16):
                yield Item(logical, code="unsafe-member", message="the member is a symbolic link")
            elif info.file_size > limits.max_document_bytes:
                message = f"{info.file_size} bytes, over the {limits.max_document_bytes} limit"
                yield Item(logical, code="too-large", message=message)
            elif not read:
                yield Item(logical)
            else:
                yield _zip_member(zf, info, logical, limits)


def _zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, logical: str, limits: Limits) -> Item:
    try:
        with zf.open(info) as fh:
            return Item(logical, _read_bounded(fh, limits.max_document_bytes, "the member"))
    except _Refused as exc:
        return Item(logical, code=exc.code, message=str(exc))
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        # zlib.error is an OSError subclass; RuntimeError: encrypted member; NotImplementedError: method
        return Item(logical, code="corrupt-archive", message=f"cannot read the member: {exc}")


def _tar_total(path: str) -> int:
    with tarfile.open(path, "r:*") as tf:
        return sum(m.size for m in tf if m.isfile() and is_document_name(m.name))


def _tar_members(path: str, limits: Limits, read: bool) -> Iterator[Item]:
    total = _tar_total(path)
    if total > limits.max_archive_bytes:
        raise _Refused("archive-too-large", f"documents expand to {total} bytes, over {limits.max_archive_bytes}")
    with tarfile.open(path, "r:*") as tf:
        for member in tf:
            if member.isdir() or not is_document_name(member.name):
                continue
            logical = f"{path}{MEMBER_SEPARATOR}{member.name}"
            if unsafe_member_name(member.name):
                yield Item(logical, code="unsafe-path", message="the member name is absolute or climbs out")
            elif not member.isfile():
                yield Item(logical, code="unsafe-member", message="the member is a link or device, not a file")
            elif member.size > limits.max_document_bytes:
                yield Item(logical, code="too-large", message=f"{member.size} bytes, over the limit")
            elif not read:
                yield Item(logical)
            else:
                stream = tf.extractfile(member)
                if stream is None:
                    yield Item(logical, code="corrupt-archive", message="the member has no data")
                    continue
                try:
                    yield Item(logical, _read_bounded(stream, limits.max_document_bytes, "the member"))
                except _Refused as exc:
                    yield Item(logical, code=exc.code, message=str(exc))


def _archive(path: str, kind: str, limits: Limits, read: bool) -> Iterator[Item]:
    members = _zip_members if kind == "zip" else _tar_members
    try:
        yield from members(path, limits, read)
    except _Refused as exc:
        yield Item(path, code=exc.code, message=str(exc))
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        yield Item(path, code="corrupt-archive", message=f"cannot read the archive: {exc}")


def _file(path: str, limits: Limits, read: bool) -> Iterator[Item]:
    kind = archive_kind(path)
    if kind is not None:
        yield from _archive(path, kind, limits, read)
    else:
        yield read_file(path, limits) if read else Item(path)


def _folder(root: str, limits: Limits, read: bool) -> Iterator[Item]:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if is_document_name(name):
                path = os.path.join(folder, name)
                yield read_file(path, limits) if read else Item(path)


def _source(source: str, limits: Limits, read: bool) -> Iterator[Item]:
    if os.path.isdir(source):
        yield from _folder(source, limits, read)
    elif os.path.exists(source):
        yield from _file(source, limits, read)
    elif _GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield Item(source, code="not-found", message="the pattern matches nothing")
        for match in matches:
            yield from (_folder if os.path.isdir(match) else _file)(match, limits, read)
    else:
        yield Item(source, code="not-found", message="no such file or folder")


def iter_items(sources: Sequence[str], limits: Limits | None = None, *, read: bool = True) -> Iterator[Item]:
    """The documents of ``sources`` in order, lazily; with ``read=False`` without their bytes (for counting)."""
    bounds = limits or Limits()
    for source in sources:
        yield from _source(source, bounds, read)


def count_items(sources: Sequence[str], limits: Limits | None = None) -> int:
    """How many items :func:`iter_items` yields, without reading documents."""
    return sum(1 for _ in iter_items(sources, limits, read=False))
