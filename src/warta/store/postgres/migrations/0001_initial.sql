-- warta on PostgreSQL: the same tables as on SQLite, with full-text search in a stored tsvector.
-- Articles keep the whole record as JSON text (key order kept); the columns beside it are for
-- filtering and joins.
CREATE TABLE articles (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    ingested_at TEXT NOT NULL,
    -- Sastrawi stems (warta.stemming) under the 'simple' configuration, title above body.
    -- The body is cut at 300,000 characters of stems: a tsvector holds at most 1 MB.
    fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_stems), 'A') ||
        setweight(to_tsvector('simple', left(text_stems, 300000)), 'B')) STORED
);
CREATE INDEX articles_fts ON articles USING gin (fts);
CREATE INDEX articles_outlet_published ON articles (outlet, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_url ON articles (url);

-- What the NLP layer finds; one row per fact, each tied to offsets in articles.text.
CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    country TEXT
);
CREATE TABLE mentions (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    entity_key TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_key);
CREATE INDEX mentions_article ON mentions (article_pk);
CREATE TABLE times (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    day TEXT
);
CREATE INDEX times_article ON times (article_pk);
CREATE INDEX times_value ON times (value);
CREATE INDEX times_day ON times (day);
CREATE TABLE quotes (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_text TEXT,
    cue TEXT,
    channel TEXT,
    text_stems TEXT NOT NULL DEFAULT '',
    fts tsvector GENERATED ALWAYS AS (to_tsvector('simple', left(text_stems, 300000))) STORED
);
CREATE INDEX quotes_article ON quotes (article_pk);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_fts ON quotes USING gin (fts);
CREATE TABLE events (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    actor TEXT,
    target TEXT,
    "where" TEXT,
    "when" TEXT,
    sentence INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text TEXT,
    actor_country TEXT,
    status TEXT NOT NULL DEFAULT 'asserted',
    confidence REAL
);
CREATE INDEX events_article ON events (article_pk);
CREATE INDEX events_type ON events (type);
