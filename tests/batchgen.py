"""Generated archives for the batch tests and benchmark: many small, varied protocols, a few broken.

:func:`generate` writes ``n`` documents under a folder: text protocols templated
from random (seeded) authorities, organs, dates, case numbers, heading variants,
motions, votes, reservations, references to earlier decisions and laws; a few
PDFs rendered by :mod:`pdfgen`; and about ``broken`` of them broken in one of
five ways (:data:`BROKEN_KINDS`). The :class:`Corpus` it returns says which path
is which, so a test can check that every record arrived and exactly the broken
ones failed. Cases recur across organs and meetings (a nämnd, then
kommunstyrelsen, then fullmäktige, each citing the decision before), so the
``case_history`` view has histories to link.

Nothing here is corpus text: every sentence is a template written for the tests.
"""

from __future__ import annotations

import random
import tarfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BROKEN_KINDS = {
    "empty": "empty",
    "binary": "binary",
    "truncated-pdf": "corrupt-pdf",
    "encrypted-pdf": "encrypted",
    "wrong-encoding": "bad-encoding",
}
"""How a document is broken → the error code the batch records for it."""

AUTHORITIES = {
    "Stenviks kommun": "Stenvik",
    "Ekeryds kommun": "Ekeryd",
    "Norrvalla kommun": "Norrvalla",
    "Hemsjö kommun": "Hemsjö",
    "Region Västerfjäll": "Västerfjäll",
}
NAMNDER = ("Miljö- och byggnämnden", "Socialnämnden", "Barn- och utbildningsnämnden", "Tekniska nämnden")
BOARD = {"kommun": "Kommunstyrelsen", "region": "Regionstyrelsen"}
COUNCIL = {"kommun": "Kommunfullmäktige", "region": "Regionfullmäktige"}
PREFIX = {
    "Kommunstyrelsen": "KS",
    "Regionstyrelsen": "RS",
    "Kommunfullmäktige": "KF",
    "Regionfullmäktige": "RF",
    "Miljö- och byggnämnden": "MBN",
    "Socialnämnden": "SN",
    "Barn- och utbildningsnämnden": "BUN",
    "Tekniska nämnden": "TN",
}
FIRST = tuple(
    [
        "Anna",
        "Bo",
        "Cecilia",
        "David",
        "Elin",
        "Fredrik",
        "Greta",
        "Hassan",
        "Ingrid",
        "Johan",
        "Karin",
        "Lars",
        "Maria",
        "Nils",
        "Olivia",
        "Per",
        "Rut",
        "Sven",
        "Tove",
        "Ulf",
        "Vera",
        "Yusuf",
    ]
)
LAST = tuple(
    [
        "Andersson",
        "Berg",
        "Dahl",
        "Ek",
        "Forsberg",
        "Holm",
        "Isaksson",
        "Jonsson",
        "Lind",
        "Mattsson",
        "Nyberg",
        "Olsson",
        "Palm",
        "Roos",
        "Sjöberg",
        "Strand",
        "Törnqvist",
        "Wallin",
        "Öberg",
    ]
)
PARTIES = ("S", "M", "SD", "C", "V", "KD", "L", "MP")
SUBJECTS = tuple(
    [
        "Detaljplan för kvarteret {w}",
        "Motion om {w} i centrum",
        "Taxa för {w} 2024",
        "Riktlinjer för {w}",
        "Medborgarförslag om {w}",
        "Investering i {w}",
        "Avgifter för {w}",
        "Revidering av reglemente för {w}",
        "Uppföljning av {w}",
        "Yttrande över remiss om {w}",
    ]
)
WORDS = tuple(
    [
        "lekplatser",
        "gång- och cykelvägar",
        "förskolelokaler",
        "vatten och avlopp",
        "hemtjänst",
        "bibliotek",
        "Hägern",
        "Tallmon",
        "Lärkan",
        "snöröjning",
        "bredband",
        "äldreboende",
        "kollektivtrafik",
        "idrottshallar",
    ]
)
OUTCOMES = (
    "{organ} beslutar att bifalla förslaget.",
    "{organ} beslutar att avslå motionen.",
    "Ärendet återremitteras till förvaltningen för vidare utredning.",
    "Rapporten läggs till handlingarna.",
    "{organ} godkänner redovisningen.",
    "{organ} antar riktlinjerna enligt bilaga.",
    "{organ} ger förvaltningen i uppdrag att utreda frågan.",
)
SUMMARY_HEADINGS = ("Sammanfattning", "Ärendebeskrivning", "Bakgrund", "Sammanfattning av ärendet")
DISPATCH_HEADINGS = ("Expedieras till", "Beslutet skickas till", "Protokollsutdrag skickas till")
PLACES = tuple(
    [
        "Kommunhuset, sammanträdesrum Ekbacken",
        "Stadshuset, Lilla salen",
        "Regionens hus, sal Fjället",
        "Medborgarhuset, rum 3",
    ]
)
MONTHS = tuple(
    [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
)


@dataclass
class Document:
    """One generated document: where it is, what it should become."""

    path: str
    expected: str
    """``ok``, or the error code of a broken document."""
    paragraphs: int = 0
    pdf: bool = False


@dataclass
class Corpus:
    """A generated folder of documents."""

    root: Path
    documents: list[Document] = field(default_factory=list)

    @property
    def good(self) -> list[Document]:
        return [d for d in self.documents if d.expected == "ok"]

    @property
    def broken(self) -> list[Document]:
        return [d for d in self.documents if d.expected != "ok"]

    def zip(self, path: Path) -> Path:
        """The documents as a zip archive (members named by their path under the root)."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for doc in self.documents:
                zf.write(self.root / doc.path, doc.path)
        return path

    def tar(self, path: Path) -> Path:
        """The documents as a gzipped tar archive."""
        with tarfile.open(path, "w:gz") as tf:
            for doc in self.documents:
                tf.add(self.root / doc.path, doc.path)
        return path


@dataclass
class _Case:
    number: str
    title: str
    registered: int
    history: list[tuple[str, date, int]] = field(default_factory=list)
    """(organ, meeting date, §) of each decision so far."""


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0

    def person(self) -> tuple[str, str]:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}", self.rng.choice(PARTIES)

    def case_number(self, organ: str, year: int) -> str:
        self.serial += 1
        prefix = PREFIX[organ]
        return self.rng.choice(
            (
                f"Dnr {prefix} {year}/{self.serial}",
                f"Dnr: {prefix} {year}/{self.serial:04d}",
                f"Diarienummer {self.serial:05d}/{year}",
                f"Dnr {prefix} {year}/{self.serial:03d}",
            )
        )

    def paragraph(self, number: int, organ: str, case: _Case, meeting: date) -> str:
        rng = self.rng
        lines = [f"§ {number}    {case.title}    {case.number}", ""]
        lines += [
            rng.choice(SUMMARY_HEADINGS),
            f"Ärendet registrerades {case.registered} och gäller {case.title.lower()}. Förvaltningen har "
            f"berett frågan och redovisar den i en tjänsteskrivelse daterad "
            f"{(meeting - timedelta(days=rng.randrange(10, 40))).isoformat()}.",
            "",
        ]
        if case.history:
            earlier_organ, earlier_date, earlier_paragraph = case.history[-1]
            lines += [
                "Tidigare behandling",
                f"{earlier_organ} beslutade {earlier_date.isoformat()}, § {earlier_paragraph}, att föreslå "
                f"{organ.lower()} att fatta beslut i ärendet.",
                "",
            ]
        if rng.random() < 0.3:
            lines += [
                f"Beslutet fattas med stöd av {rng.randrange(2, 8)} kap. {rng.randrange(1, 40)} § "
                "kommunallagen (2017:725).",
                "",
            ]
        outcome = rng.choice(OUTCOMES).format(organ=organ)
        lines += ["Förslag till beslut", outcome, ""]
        mover, mover_party = self.person()
        debated = rng.random() < 0.4
        if debated:
            other, other_party = self.person()
            lines += [
                "Yrkanden",
                f"{mover} ({mover_party}) yrkar bifall till förslaget.",
                f"{other} ({other_party}) yrkar avslag.",
                "",
            ]
            if rng.random() < 0.5:
                yes = rng.randrange(6, 12)
                lines += [
                    "Omröstning",
                    f"Omröstning begärs och verkställs. Med {yes} ja-röster mot "
                    f"{rng.randrange(1, yes)} nej-röster beslutar {organ.lower()} enligt förslaget.",
                    "",
                ]
        lines += ["Beslut", outcome, ""]
        if debated:
            lines += [
                "Reservation",
                f"{other} ({other_party}) reserverar sig mot beslutet till förmån för eget yrkande.",
                "",
            ]
        lines += [rng.choice(DISPATCH_HEADINGS), "Förvaltningen", "Ekonomienheten", ""]
        case.history.append((organ, meeting, number))
        return "\n".join(lines)

    def protocol(self, authority: str, organ: str, meeting: date, first: int, cases: list[_Case]) -> str:
        rng = self.rng
        chair, chair_party = self.person()
        adjuster, adjuster_party = self.person()
        members = [self.person() for _ in range(rng.randrange(3, 7))]
        last = first + len(cases) - 1
        day = f"{meeting.day} {MONTHS[meeting.month - 1]} {meeting.year}"
        head = [
            f"{authority.upper()}                                  SAMMANTRÄDESPROTOKOLL",
            f"{organ}                                  Sammanträdesdatum {meeting.isoformat()}",
            "",
            f"Plats och tid            {rng.choice(PLACES)}, den {day} kl. 13.00–15.30",
            "",
            f"Beslutande               {chair} ({chair_party}), ordförande",
            *(f"                         {n} ({p})" for n, p in members),
            f"                         {adjuster} ({adjuster_party})",
            "",
            f"Utses att justera        {adjuster}",
            f"Justeringens plats och tid  Kommunhuset {(meeting + timedelta(days=3)).isoformat()}",
            f"Paragrafer               §§ {first}–{last}",
            "",
        ]
        body = [self.paragraph(first + i, organ, case, meeting) for i, case in enumerate(cases)]
        pages = ["\n".join(head)]
        for n in range(0, len(body), 2):
            pages.append(
                f"{authority.upper()}    SAMMANTRÄDESPROTOKOLL\n{organ}    Sammanträdesdatum "
                f"{meeting.isoformat()}\n\n" + "\n".join(body[n : n + 2])
            )
        return "\f".join(pages)


def _meetings(rng: random.Random, n: int) -> list[tuple[str, str, date, list[_Case]]]:
    """``n`` meetings with their cases, in date order per authority; cases move nämnd → styrelse → fullmäktige."""
    writer = _Writer(rng)
    meetings: list[tuple[str, str, date, list[_Case]]] = []
    per_authority = -(-n // len(AUTHORITIES))
    for authority in AUTHORITIES:
        kind = "region" if authority.startswith("Region") else "kommun"
        pending: dict[str, list[_Case]] = {BOARD[kind]: [], COUNCIL[kind]: []}
        day = date(rng.randrange(2015, 2021), rng.randrange(1, 13), 1)
        organs = [*NAMNDER, BOARD[kind], COUNCIL[kind]]
        for _ in range(per_authority):
            day += timedelta(days=rng.randrange(3, 12))
            organ = rng.choice(organs)
            cases = pending.get(organ, [])[:3]
            for case in cases:
                pending[organ].remove(case)
            while len(cases) < rng.randrange(2, 6):
                year = day.year - rng.choice((0, 0, 1, 2))
                cases.append(
                    _Case(writer.case_number(organ, year), rng.choice(SUBJECTS).format(w=rng.choice(WORDS)), year)
                )
            nxt = BOARD[kind] if organ in NAMNDER else COUNCIL[kind] if organ == BOARD[kind] else None
            if nxt:
                pending[nxt] += [c for c in cases if rng.random() < 0.3]
            meetings.append((authority, organ, day, cases))
    return meetings[:n]


def _pdf_bytes(text: str, tmp: Path) -> bytes:
    import pdfgen

    path = pdfgen.render_text_pdf(
        text, tmp / "render.pdf", running_head=(), footer=(), page_numbers=False, hyphenate=False
    )
    return path.read_bytes()


def _encrypted(text: str, tmp: Path) -> bytes:
    import pdfgen

    source = pdfgen.render_text_pdf(text, tmp / "plain.pdf", running_head=(), footer=(), page_numbers=False)
    return pdfgen.encrypt_pdf(source, tmp / "locked.pdf", user_password="hemligt").read_bytes()


def generate(root: Path, n: int, *, broken: float = 0.03, pdfs: int = 8, seed: int = 0, cp1252: float = 0.02) -> Corpus:
    """Write ``n`` documents under ``root`` (about ``broken`` of them broken, ``pdfs`` good PDFs)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root)
    writer = _Writer(rng)
    kinds = list(BROKEN_KINDS)
    n_broken = max(len(kinds), round(n * broken))
    broken_at = set(rng.sample(range(n), n_broken))
    pdf_at = set(rng.sample(sorted(set(range(n)) - broken_at), min(pdfs, n - n_broken)))
    meetings = _meetings(rng, n)
    tmp = root / ".render"
    tmp.mkdir(exist_ok=True)
    for index in range(n):
        authority, organ, day, cases = meetings[index % len(meetings)]
        first = rng.randrange(1, 300)
        text = writer.protocol(authority, organ, day, first, cases)
        folder = AUTHORITIES[authority].lower()
        stem = f"{folder}/{PREFIX[organ].lower()}_{day.isoformat()}_{index:05d}"
        if index in broken_at:
            kind = kinds[len([d for d in corpus.documents if d.expected != "ok"]) % len(kinds)]
            suffix, data = _broken(kind, text, rng, tmp)
            corpus.documents.append(Document(f"{stem}{suffix}", BROKEN_KINDS[kind]))
        elif index in pdf_at:
            data, suffix = _pdf_bytes(text, tmp), ".pdf"
            corpus.documents.append(Document(f"{stem}{suffix}", "ok", len(cases), pdf=True))
        else:
            encoding = "cp1252" if rng.random() < cp1252 else "utf-8"
            data, suffix = text.encode(encoding), ".txt"
            corpus.documents.append(Document(f"{stem}{suffix}", "ok", len(cases)))
        target = root / f"{stem}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for leftover in tmp.iterdir():
        leftover.unlink()
    tmp.rmdir()
    return corpus


def _broken(kind: str, text: str, rng: random.Random, tmp: Path) -> tuple[str, bytes]:
    if kind == "empty":
        return ".txt", b"" if rng.random() < 0.5 else b"  \n\n "
    if kind == "binary":
        return ".txt", b"\x00" + bytes(rng.randrange(256) for _ in range(2048))
    if kind == "truncated-pdf":
        data = _pdf_bytes(text, tmp)
        return ".pdf", data[: len(data) // 2]
    if kind == "encrypted-pdf":
        return ".pdf", _encrypted(text, tmp)
    # a UTF-16 byte order mark over bytes that are not UTF-16: an odd length and a lone surrogate
    return ".txt", b"\xff\xfe" + "protokoll".encode("utf-16-le") + b"\x00\xd8\x41"
