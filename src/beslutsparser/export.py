"""Export: records to JSON and JSON Lines (msgspec's encoder: fast, exact UTF-8)."""

from __future__ import annotations

import msgspec

from .model import Protocol

_encoder = msgspec.json.Encoder()


def to_json(protocol: Protocol, *, indent: int = 2) -> bytes:
    """The record as pretty JSON (``indent`` spaces)."""
    return msgspec.json.format(_encoder.encode(protocol), indent=indent)


def to_jsonl(protocol: Protocol) -> bytes:
    """The record as one line of JSON, without a trailing newline."""
    return _encoder.encode(protocol)
