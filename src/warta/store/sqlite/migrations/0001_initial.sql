-- Articles keep the whole record as JSON; the columns beside it are for filtering and joins.
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    dateline_place TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    title_stems TEXT NOT NULL DEFAULT '',
    text_stems TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    source TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_outlet_published ON articles (outlet, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_url ON articles (url);

-- Full-text search over stemmed title and body (warta.stemming at index and query time).
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title_stems, text_stems,
    content="articles", content_rowid="pk",
    tokenize="unicode61 remove_diacritics 2"
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title_stems, text_stems)
    VALUES (new.pk, new.title_stems, new.text_stems);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title_stems, text_stems)
    VALUES ('delete', old.pk, old.title_stems, old.text_stems);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title_stems, text_stems)
    VALUES ('delete', old.pk, old.title_stems, old.text_stems);
    INSERT INTO articles_fts (rowid, title_stems, text_stems)
    VALUES (new.pk, new.title_stems, new.text_stems);
END;

-- What the NLP layer finds; one row per fact, each tied to offsets in articles.text.
CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    country TEXT
);
CREATE TABLE mentions (
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    entity_key TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_key);
CREATE INDEX mentions_article ON mentions (article_pk);
CREATE TABLE times (
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT
);
CREATE INDEX times_article ON times (article_pk);
CREATE INDEX times_value ON times (value);
CREATE TABLE quotes (
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_text TEXT,
    cue TEXT,
    channel TEXT
);
CREATE INDEX quotes_article ON quotes (article_pk);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE TABLE events (
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    actor TEXT,
    target TEXT,
    "where" TEXT,
    "when" TEXT,
    sentence INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text TEXT
);
CREATE INDEX events_article ON events (article_pk);
CREATE INDEX events_type ON events (type);
