-- warta on PostgreSQL: the same tables as on SQLite, with full-text search in a stored tsvector.
-- Text columns use the "C" collation: byte order and ASCII-only case folding, as on SQLite,
-- so sorting and lower() agree across backends whatever the server's locale.
-- Articles keep the whole record as JSON text (key order kept); the columns beside it are for
-- filtering and joins.
CREATE TABLE articles (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    url TEXT COLLATE "C",
    title TEXT COLLATE "C",
    outlet TEXT COLLATE "C",
    published TEXT COLLATE "C",
    dateline_place TEXT COLLATE "C",
    text TEXT COLLATE "C" NOT NULL,
    content_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    title_stems TEXT COLLATE "C" NOT NULL DEFAULT '',
    text_stems TEXT COLLATE "C" NOT NULL DEFAULT '',
    record TEXT COLLATE "C" NOT NULL,
    source TEXT COLLATE "C",
    ingested_at TEXT COLLATE "C" NOT NULL,
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
    key TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C"
);
CREATE TABLE mentions (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    entity_key TEXT COLLATE "C",
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_key);
CREATE INDEX mentions_article ON mentions (article_pk);
CREATE TABLE times (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C",
    day TEXT COLLATE "C"
);
CREATE INDEX times_article ON times (article_pk);
CREATE INDEX times_value ON times (value);
CREATE INDEX times_day ON times (day);
CREATE TABLE quotes (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    speaker TEXT COLLATE "C",
    speaker_text TEXT COLLATE "C",
    cue TEXT COLLATE "C",
    channel TEXT COLLATE "C",
    text_stems TEXT COLLATE "C" NOT NULL DEFAULT '',
    fts tsvector GENERATED ALWAYS AS (to_tsvector('simple', left(text_stems, 300000))) STORED
);
CREATE INDEX quotes_article ON quotes (article_pk);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_fts ON quotes USING gin (fts);
CREATE TABLE events (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    type TEXT COLLATE "C" NOT NULL,
    mode TEXT COLLATE "C",
    actor TEXT COLLATE "C",
    target TEXT COLLATE "C",
    "where" TEXT COLLATE "C",
    "when" TEXT COLLATE "C",
    sentence INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text TEXT COLLATE "C",
    actor_country TEXT COLLATE "C",
    status TEXT COLLATE "C" NOT NULL DEFAULT 'asserted',
    confidence REAL
);
CREATE INDEX events_article ON events (article_pk);
CREATE INDEX events_type ON events (type);
