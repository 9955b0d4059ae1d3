"""Imported by the batch worker pool's fork server: warms the pipeline once for every worker forked from it.

The pipeline compiles its patterns and reads its vocabularies lazily, about two
seconds on the first document. The fork server imports this module before it
forks any worker, so each worker starts warm (sharing the compiled state
copy-on-write) instead of paying that on its first document, and a replaced
worker is ready at once.
"""

from __future__ import annotations

import contextlib

from . import vocab
from .load import pdf as _pdf  # noqa: F401  (imports pypdfium2 before the fork)
from .pipeline import parse_text

# A failure here must not stop the fork server (it would take every worker with it): workers then start cold,
# and the same failure shows up, recorded per document, in the batch's errors.
with contextlib.suppress(Exception):
    parse_text(vocab.load("batch")["warmup_protocol"])
