"""Build, train and evaluate the trained actor component shipped in ``models/actors/model``.

    python scripts/train_actors.py data       # models/actors/data/{train,heldout}.jsonl
    python scripts/train_actors.py train      # models/actors/model from train.jsonl (config.cfg)
    python scripts/train_actors.py evaluate   # held-out P/R/F1 per kind: rules alone, rules + trained
    python scripts/train_actors.py all        # the three in order

Training data (never the evaluation corpus in ../shared/corpus):

- synthetic protocol sentences from ``models/actors/data/generator.toml``: templates with slots filled from
  name, body and mention pools; the train and held-out parts share no name, body or template;
- the §§ of ``tests/fixtures/docs`` labelled by the rules, with the hand corrections of
  ``models/actors/data/corrections.toml``; the documents it lists as held out are kept for evaluation,
  scored against their hand-made gold (``tests/fixtures/gold``).

The component learns ``PER`` (a person's name, without its party code) and ``ORG`` (an outside body).
Needs nothing beyond the package's own dependencies (spaCy); no lookup tables, no download.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import spacy
from spacy.language import Language
from spacy.tokens import DocBin

import beslutsparser
from beslutsparser.extract.actors import LABELS, blank_pipeline, find_actors
from beslutsparser.model import Actor
from beslutsparser.vocab import load

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "models" / "actors"
DATA = HOME / "data"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = 20240601
TRAIN_EXAMPLES = 3000
# Each fixture § counts this many times in training: real text is scarcer than synthetic sentences.
FIXTURE_WEIGHT = 3
HELDOUT_EXAMPLES = 500
DEV_SHARE = 0.1
SLOT = regex.compile(r"\{(?P<slot>[A-Za-z]+)\}|\[(?P<text>[^|\]]+)\|(?P<kind>\w+)\|(?P<name>[^\]]+)\]")
PARTY = regex.compile(r"\s*\([^()]{1,6}\)\Z")
TRAINED_KINDS = {kind: LABELS[kind] for kind in ("person", "organisation")}


@dataclass
class Example:
    """One text with its ``PER``/``ORG`` spans (for training) and its actors as ``(kind, name)`` (for scoring)."""

    text: str
    source: str
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    actors: list[tuple[str, str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=lambda: list(LABELS))
    skip: list[tuple[int, int]] = field(default_factory=list)  # section headings: no mentions

    def to_json(self) -> str:
        fields = ("text", "source", "entities", "actors", "kinds", "skip")
        return json.dumps({name: getattr(self, name) for name in fields}, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Example:
        raw = json.loads(line)
        return cls(
            raw["text"],
            raw["source"],
            [tuple(e) for e in raw["entities"]],
            [tuple(a) for a in raw["actors"]],
            raw["kinds"],
            [tuple(s) for s in raw["skip"]],
        )


def norm(text: str) -> str:
    """The referee's normalisation of a name (``../shared/eval/score.py``)."""
    text = unicodedata.normalize("NFC", text).replace("\u2013", "-").replace("\u00ad", "")
    return regex.sub(r"\s+", " ", text).strip().strip(".;,").casefold()


# -------------------------------------------------------------------------------------------------------------
# Synthetic sentences


class Generator:
    """Fills the templates of one part (``train`` or ``heldout``) of ``generator.toml``."""

    def __init__(self, spec: dict[str, Any], part: str, rng: random.Random) -> None:
        self.rng = rng
        self.first = spec["names"][part]["first"]
        self.last = spec["names"][part]["last"]
        self.parties = spec["parties"]["codes"]
        pools = spec["pools"][part]
        self.mentions = {kind: list(pools[kind].items()) for kind in ("role", "organ", "unit")}
        self.orgs = pools["org"]
        self.templates = spec["templates"][part]

    def _person(self) -> str:
        return f"{self.rng.choice(self.first)} {self.rng.choice(self.last)}"

    def _date(self) -> str:
        months = ["januari", "mars", "maj", "augusti", "oktober", "december"]
        return f"{self.rng.randint(1, 28)} {self.rng.choice(months)} {self.rng.randint(2015, 2026)}"

    def example(self, source: str) -> Example:
        sentences = self.rng.sample(self.templates, k=self.rng.randint(1, 3))
        out = Example("", source)
        for i, template in enumerate(sentences):
            if i:  # after a list (one item a line) the next sentence starts on a line of its own
                out.text += self.rng.choice(["\n", "\n\n"] if "\n" in sentences[i - 1] else [" ", "\n", "\n\n"])
            self._fill(template, out)
        return out

    def _fill(self, template: str, out: Example) -> None:
        pos = 0
        for m in SLOT.finditer(template):
            out.text += template[pos : m.start()]
            pos = m.end()
            if m["text"]:
                self._add(out, m["text"], m["kind"], m["name"], None)
                continue
            slot = m["slot"]
            kind = slot.lower()
            if kind == "per":
                name = self._person()
                self._add(out, name, "person", name, "PER")
            elif kind == "perp":
                name = self._person()
                self._add(out, name, "person", name, "PER")
                out.text += f" ({self.rng.choice(self.parties)})"
            elif kind == "org":
                org = self.rng.choice(self.orgs)
                self._add(out, org, "organisation", org, "ORG")
            elif kind in self.mentions:
                written, base = self.rng.choice(self.mentions[kind])
                written = written[0].upper() + written[1:] if slot[0].isupper() else written
                self._add(out, written, kind, base, None)
            elif kind == "party":
                out.text += self.rng.choice(self.parties).upper()
            elif kind == "date":
                out.text += self._date()
            else:
                raise ValueError(f"unknown slot {slot!r} in {template!r}")
        out.text += template[pos:]

    @staticmethod
    def _add(out: Example, written: str, kind: str, name: str, label: str | None) -> None:
        start = len(out.text)
        out.text += written
        if label is not None:
            out.entities.append((start, len(out.text), label))
        out.actors.append((kind, name))


def synthetic(spec: dict[str, Any], part: str, count: int, seed: int) -> list[Example]:
    generator = Generator(spec, part, random.Random(seed))
    return [generator.example(f"synthetic:{part}:{i}") for i in range(count)]


# -------------------------------------------------------------------------------------------------------------
# Fixture documents


def fixture_sections(path: Path) -> Iterator[tuple[str, int, int, int, list[tuple[int, int]]]]:
    """``(text, paragraph, start, end, heading spans)`` for each § of a fixture document."""
    protocol = beslutsparser.parse(path)
    for d in protocol.decisions:
        start = d.title_span[0] if d.title_span else d.span[0]
        headings = [(s.span[0], s.span[0] + len(s.heading)) for s in d.sections if s.heading]
        yield protocol.text, d.paragraph, start, d.span[1], headings


def trained_span(actor: Actor) -> tuple[int, int]:
    """A person's span without its party code (`Jonas Attenius (S)` → `Jonas Attenius`)."""
    m = PARTY.search(actor.text)
    return actor.span[0], actor.span[1] - (len(m[0]) if m else 0)


def fixture_examples(corrections: dict[str, Any], rules: Language, heldout: bool) -> list[Example]:
    """The fixture §§, rule-labelled and hand-corrected (train) or with their gold (held out)."""
    out = []
    chosen = set(corrections["heldout_docs"])
    for path in sorted((FIXTURES / "docs").glob("*.txt")):
        if (path.name in chosen) != heldout:
            continue
        gold = json.loads((FIXTURES / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        wanted = {d["paragraph"]: d for d in gold["decisions"]}
        for text, paragraph, start, end, headings in fixture_sections(path):
            actors = find_actors(text, start, end, skip=headings, nlp=rules)
            example = Example(text[start:end], f"fixture:{path.name}:§{paragraph}")
            example.skip = [(a - start, b - start) for a, b in headings]
            for actor in actors:
                example.actors.append((actor.kind, actor.name))
                if actor.kind in TRAINED_KINDS:
                    a, b = trained_span(actor)
                    example.entities.append((a - start, b - start, TRAINED_KINDS[actor.kind]))
            correct(example, path.name, corrections)
            if heldout:
                decision = wanted.get(paragraph, {})
                scored = {"persons": "person", "organs": "organ", "roles": "role"}
                example.kinds = [kind for key, kind in scored.items() if key in decision]
                example.actors = [(kind, n) for key, kind in scored.items() for n in decision.get(key, [])]
            out.append(example)
    return out


def correct(example: Example, doc: str, corrections: dict[str, Any]) -> None:
    """Apply the hand corrections for ``doc``: add every occurrence of a missed text, drop a wrong one."""
    for fix in corrections.get("add", []):
        if fix["doc"] != doc:
            continue
        for m in regex.finditer(r"\s+".join(map(regex.escape, fix["text"].split())), example.text):
            span = (m.start(), m.end())
            if not any(a < span[1] and span[0] < b for a, b, _ in example.entities):
                example.entities.append((*span, fix["label"]))
                example.actors.append((fix["kind"], fix["name"]))
    drops = {fix["text"] for fix in corrections.get("remove", []) if fix["doc"] == doc}
    example.entities = [e for e in example.entities if example.text[e[0] : e[1]] not in drops]
    example.entities.sort()


# -------------------------------------------------------------------------------------------------------------
# Steps


def write_jsonl(path: Path, examples: Iterable[Example]) -> int:
    lines = [e.to_json() for e in examples]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def read_jsonl(path: Path) -> list[Example]:
    return [Example.from_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_data() -> None:
    spec = tomllib.loads((DATA / "generator.toml").read_text(encoding="utf-8"))
    corrections = tomllib.loads((DATA / "corrections.toml").read_text(encoding="utf-8"))
    gazetteer = set(load("actors")["persons"]["first_names"])
    unseen = set(spec["names"]["heldout"]["first"]) & (gazetteer | set(spec["names"]["train"]["first"]))
    if unseen:
        sys.exit(f"held-out first names also in the rules or the train pool: {sorted(unseen)}")
    rules = blank_pipeline()
    train = synthetic(spec, "train", TRAIN_EXAMPLES, SEED) + fixture_examples(corrections, rules, heldout=False)
    heldout = synthetic(spec, "heldout", HELDOUT_EXAMPLES, SEED + 1) + fixture_examples(corrections, rules, True)
    print("train", write_jsonl(DATA / "train.jsonl", train), "heldout", write_jsonl(DATA / "heldout.jsonl", heldout))


def to_docbin(nlp: Language, examples: Iterable[Example]) -> DocBin:
    db = DocBin()
    for example in examples:
        doc = nlp.make_doc(example.text)
        spans = [doc.char_span(a, b, label=label, alignment_mode="expand") for a, b, label in example.entities]
        doc.ents = spacy.util.filter_spans([s for s in spans if s is not None])
        db.add(doc)
    return db


def train() -> None:
    examples = read_jsonl(DATA / "train.jsonl")
    random.Random(SEED).shuffle(examples)
    cut = int(len(examples) * DEV_SHARE)
    nlp = blank_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        weighted = [e for e in examples[cut:] for _ in range(FIXTURE_WEIGHT if e.source.startswith("fixture") else 1)]
        to_docbin(nlp, weighted).to_disk(work / "train.spacy")
        to_docbin(nlp, examples[:cut]).to_disk(work / "dev.spacy")
        from spacy.cli.train import train as spacy_train

        spacy_train(
            HOME / "config.cfg",
            work / "out",
            overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")},
        )
        trained = spacy.load(work / "out" / "model-best")
        trained.meta.update(
            name="beslutsparser_actors",
            version=beslutsparser.__version__,
            description="Persons and outside organisations in Swedish meeting protocols (PER, ORG); "
            "the rules of beslutsparser.extract.actors do the rest.",
            sources=["synthetic sentences (models/actors/data/generator.toml)", "tests/fixtures/docs"],
        )
        target = HOME / "model"
        shutil.rmtree(target, ignore_errors=True)
        trained.to_disk(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"model: {target} ({size / 1e6:.1f} MB)")


def score(examples: list[Example], nlp: Language) -> dict[str, tuple[int, int, int]]:
    counts = {kind: [0, 0, 0] for kind in LABELS}
    for example in examples:
        found = find_actors(example.text, skip=example.skip, nlp=nlp)
        for kind in example.kinds:
            want = {norm(n) for k, n in example.actors if k == kind}
            got = {norm(a.name) for a in found if a.kind == kind}
            c = counts[kind]
            c[0] += len(want & got)
            c[1] += len(got - want)
            c[2] += len(want - got)
    return {kind: (tp, fp, fn) for kind, (tp, fp, fn) in counts.items()}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate() -> dict[str, dict[str, dict[str, float]]]:
    heldout = read_jsonl(DATA / "heldout.jsonl")
    pipelines = {"rules": blank_pipeline(), "rules+trained": spacy.load(HOME / "model")}
    pipelines["rules+trained"].add_pipe("beslutsparser_actors")
    report: dict[str, dict[str, dict[str, float]]] = {}
    for part in ("synthetic", "fixture"):
        chosen = [e for e in heldout if e.source.startswith(part)]
        for name, nlp in pipelines.items():
            table = report.setdefault(f"{part} {name}", {})
            for kind, (tp, fp, fn) in score(chosen, nlp).items():
                if tp + fp + fn:
                    p, r, f = prf(tp, fp, fn)
                    table[kind] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "n": tp + fn}
    for setting, table in report.items():
        print(setting)
        for kind, row in table.items():
            print(f"  {kind:13s} P={row['p']:.3f} R={row['r']:.3f} F1={row['f1']:.3f} (gold {row['n']})")
    (HOME / "heldout_scores.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["data", "train", "evaluate", "all"])
    step = parser.parse_args(argv).step
    if step in ("data", "all"):
        make_data()
    if step in ("train", "all"):
        train()
    if step in ("evaluate", "all"):
        evaluate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
