"""OCR of rendered pages with the tesseract command line (Swedish model).

A page image (8-bit grayscale PGM bytes) goes to ``tesseract stdin stdout -l
swe --dpi N tsv``; the TSV gives words with their block/paragraph/line
numbers and confidences, rebuilt here into one line of text per OCR line.
tesseract runs with ``OMP_THREAD_LIMIT=1`` (unless the caller set it): its
OpenMP threads make a page several times slower on a small, shared machine.

OCR reads ``§`` as ``8``, ``S``, ``&`` or ``$``; :func:`fix_section_signs`
mends § heading lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import regex

TESSERACT_CMD = "tesseract"
"""The tesseract executable (a name on ``PATH`` or a path)."""
OCR_LANG = "swe"
LOW_CONFIDENCE = 70.0
"""A page whose mean word confidence is below this gets an ``ocr-low-confidence`` warning."""
TIMEOUT_S = 300.0

# A misread § at line start: "8 12", "S 12", "& 12", "$ 12", "&12", "$12", "$& 12" (two glyphs
# for one §), or "§12" glued. "8" and "S" start ordinary lines too, so they need a space, then
# the number, then a heading rest: a capitalised title or label, or an old-style dnr; glued to
# its number ("§245" read "8245"), "8" needs a title that reads as one: a capitalised word and
# a lower-case one ("8245 Förlängning av avtal", not a table row "81 Berglund, Jesper"). "&", "$"
# and a glued "§" cannot start a Swedish line otherwise, so a bare number (a § whose title is on
# the next line) is enough. "§§ 10–14" (a range of §§) is not touched.
_SECTION_SIGN = regex.compile(
    r"""
    ^(?P<indent>[ \t]*)
    (?:
        [8S][ ](?P<num>\d{1,4})(?=[ \t]+(?:\p{Lu}|\d{1,6}/\d{2,4}\b))
      | 8(?P<num>\d{1,4})(?=[ \t]+\p{Lu}\p{Ll}+[ \t]+\p{Ll})
      | (?:[&$][&$§]?|§[&$])[ ]?(?P<num>\d{1,4})(?=[ \t]+(?:\p{Lu}|\d{1,6}/\d{2,4}\b)|[ \t]*$)
      | §(?P<num>\d{1,4})(?=[ \t]+\S|[ \t]*$)
    )
    """,
    regex.MULTILINE | regex.VERBOSE,
)
# A misread § inside a line: before a § number ("2019-11-25, $ 104", "(& 12)"; not between two
# numbers, "3 & 4") or between a section number and a law name ("6 kap. 40 & kommunallagen",
# "2 kap. 6 $& kommunallagen").
_INLINE_SIGN = regex.compile(
    r"(?<=[\s(,])(?<!\d[ ])(?:[&$][&$§]?|§[&$])(?=[ ]?\d)|(?<=\d[ ])(?:[&$][&$§]?|§[&$])(?=[ ]\p{Ll})"
)


class OcrError(Exception):
    """tesseract failed on a page (crash, timeout, unreadable output)."""


@dataclass(frozen=True)
class OcrPage:
    """The text tesseract read, and its mean word confidence (0–100; None without words)."""

    text: str
    confidence: float | None
    words: int


def fix_section_signs(text: str) -> str:
    """Mend OCR misreadings of ``§``: at the start of § heading lines, and inside lines.

    Heading forms (each becomes ``§ 12 …``):
    - ``8 12 Val av justerare`` / ``S 12 Ärendenummer SLK-2024-00078``
      (a misread § needs a capitalised title or label after the number)
    - ``8 3 0509/23`` (or an old-style dnr after it)
    - ``8245 Förlängning av avtal om ambulansflyg`` (``§245`` glued: a title of
      a capitalised and a lower-case word after it)
    - ``& 12 Anmälan av jäv``, ``$ 12``, ``$120``, ``$& 12 Dnr KS 2021/14``
      (a bare number is enough)
    - ``§12 Budget 2024`` (a glued § gets its space)

    Inside a line (each ``§``): ``beslutade 2019-11-25, $ 104``, ``6 kap. 40 &
    kommunallagen``, ``2 kap. 6 $& kommunallagen``.

    Left alone: ``§§ 10–14``, ``8 ledamöter röstar ja`` (no number then heading),
    ``S 12 procent`` (lower case rest), ``8 12`` alone (a bare number after
    ``8`` is more often a table cell than a heading), ``81 Berglund, Jesper``
    (a table row), a digit run after ``S`` with no space (``S12``), an ``8``
    inside a line (``40 8 kommunallagen`` may be a count), ``sidan 3 & 4`` and
    ``Ernst & Young``.
    """
    headed = _SECTION_SIGN.sub(lambda m: f"{m['indent']}§ {m['num']}", text)
    return _INLINE_SIGN.sub("§", headed)


@cache
def tesseract_status(cmd: str, lang: str) -> str | None:
    """None when ``cmd`` runs and has the ``lang`` model; otherwise why not (cached)."""
    exe = shutil.which(cmd)
    if exe is None:
        return f"{cmd} not found (Debian: apt-get install tesseract-ocr tesseract-ocr-{lang})"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{cmd} does not run: {exc}"
    if lang not in out.stdout.split():
        return f"{cmd} has no '{lang}' model (Debian: apt-get install tesseract-ocr-{lang})"
    return None


def tsv_to_page(tsv: str) -> OcrPage:
    """Rebuild text from tesseract TSV: words of one OCR line joined by spaces, one line a line."""
    lines: list[str] = []
    words: list[str] = []
    current: tuple[str, str, str] | None = None
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = (cols[2], cols[3], cols[4])
        if key != current and words:
            lines.append(" ".join(words))
            words = []
        current = key
        words.append(cols[11].strip())
        confidence = float(cols[10])
        if confidence >= 0:
            confidences.append(confidence)
    if words:
        lines.append(" ".join(words))
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(text=fix_section_signs("\n".join(lines)), confidence=mean, words=len(confidences))


def ocr_image(
    pgm: bytes, *, dpi: int, lang: str = OCR_LANG, cmd: str = TESSERACT_CMD, timeout: float = TIMEOUT_S
) -> OcrPage:
    """OCR one page image (PGM bytes rendered at ``dpi``); raise :class:`OcrError` on failure."""
    env = {**os.environ}
    env.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        done = subprocess.run(
            [cmd, "stdin", "stdout", "-l", lang, "--dpi", str(dpi), "tsv"],
            input=pgm,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"tesseract took longer than {timeout:.0f} s") from exc
    except OSError as exc:
        raise OcrError(f"tesseract did not run: {exc}") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract exited {done.returncode}: {reason[-1] if reason else 'no message'}")
    return tsv_to_page(done.stdout.decode("utf-8", "replace"))
