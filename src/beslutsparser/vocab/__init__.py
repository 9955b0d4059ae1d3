"""Swedish vocabulary as data: one TOML file a domain, read once on first use.

``load("headings")`` returns the parsed ``vocab/headings.toml``. Every module
that needs Swedish words (headings, roles, organs, parties, months, holidays,
furniture) takes them from here; no module keeps its own word lists.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The vocabulary file ``vocab/<name>.toml`` as a dict (cached)."""
    data = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)
