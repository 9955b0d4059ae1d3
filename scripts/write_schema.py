"""Write the JSON Schema of the record to src/beslutsparser/schema/protocol.schema.json.

Run after changing model.py: ``python scripts/write_schema.py``. A test fails while the
shipped schema differs from the one the records generate.
"""

from __future__ import annotations

import json
from pathlib import Path

from beslutsparser.model import json_schema

TARGET = Path(__file__).resolve().parents[1] / "src" / "beslutsparser" / "schema" / "protocol.schema.json"


def render() -> str:
    """The schema as the text shipped in the package."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
