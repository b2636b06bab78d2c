"""The article record of CONTRACT.md: the one vocabulary every layer speaks.

Each class mirrors one object of the JSON record; ``to_dict()`` gives the JSON shape
and ``from_dict()`` reads it back. Fields are added, never renamed or removed.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA = 1


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """to_dict/from_dict for flat dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Dateline(_Record):
    text: str
    outlet: str | None = None
    place: str | None = None


@dataclass
class Related(_Record):
    kind: str
    text: str


@dataclass
class Author(_Record):
    role: str
    name: str


@dataclass
class Span(_Record):
    start: int
    end: int
    text: str


@dataclass
class Entity(_Record):
    start: int
    end: int
    text: str
    label: str
    entity: str | None = None


@dataclass
class TimeExpr(_Record):
    start: int
    end: int
    text: str
    type: str
    value: str | None = None
    # Added to the contract: TIMEX3 mod (START, MID, END, APPROX, LESS_THAN, MORE_THAN, ...).
    mod: str | None = None
    # Added to the contract: the time zone a clock time was given in (WIB, WITA, WIT, UTC);
    # TIMEX3 values carry no UTC offset.
    zone: str | None = None


@dataclass
class Quote(_Record):
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    channel: str | None = None
    # Added to the contract: a reported source that is not the speaker ("menurut kantor berita Yonhap").
    source: str | None = None


@dataclass
class Event(_Record):
    type: str
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    where: str | None = None
    when: str | None = None
    sentence: int | None = None
    trigger: Span | None = None
    # Added to the contract: the actor's country when the actor is a person with one, whether
    # the event happened (asserted), is planned (intended), is possible (hypothetical) or
    # denied (negated), and a confidence in [0, 1].
    actor_country: str | None = None
    status: str = "asserted"
    confidence: float | None = None
    # The actor as written where no entity names it: a group or a person by a common noun
    # ("Massa", "polisi", "suaminya"); ``actor`` is then null.
    actor_text: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        event = super().from_dict(data)
        if isinstance(event.trigger, dict):
            event.trigger = Span.from_dict(event.trigger)
        return event


@dataclass
class Article:
    """One analysed article; ``to_dict()`` is the JSON record of CONTRACT.md."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "id"
    dateline: Dateline | None = None
    credits: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    entity_index: dict[str, dict[str, Any]] = field(default_factory=dict)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Added to the contract: bylines found in the page ("Editor", "Reporter", ...).
    authors: list[Author] = field(default_factory=list)
    schema: int = SCHEMA

    # JSON key order: the contract's order, additions last.
    _ORDER = ("schema", "id", "url", "title", "outlet", "published", "language", "dateline",
              "credits", "related", "text", "sentences", "entities", "entity_index", "times",
              "quotes", "events", "summary", "warnings", "authors")

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in self._ORDER}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        def many(kind, key):
            return [kind.from_dict(d) for d in data.get(key) or []]

        dateline = data.get("dateline")
        return cls(
            id=data["id"], text=data.get("text", ""), url=data.get("url"),
            title=data.get("title"), outlet=data.get("outlet"), published=data.get("published"),
            language=data.get("language", "id"),
            dateline=Dateline.from_dict(dateline) if dateline else None,
            credits=list(data.get("credits") or []), related=many(Related, "related"),
            sentences=[tuple(s) for s in data.get("sentences") or []],
            entities=many(Entity, "entities"), entity_index=dict(data.get("entity_index") or {}),
            times=many(TimeExpr, "times"), quotes=many(Quote, "quotes"),
            events=many(Event, "events"), summary=list(data.get("summary") or []),
            warnings=list(data.get("warnings") or []), authors=many(Author, "authors"),
            schema=data.get("schema", SCHEMA),
        )

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Failed:
    """An input that could not become an Article; the batch goes on without it."""

    source: str
    error: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "error": self.error}

    def __str__(self) -> str:
        return f"{self.source}: {self.error}"
