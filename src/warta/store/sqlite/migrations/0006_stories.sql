-- warta: foreign keys off
-- Copies and stories (warta.stories). An identical body may now be stored under several ids (a
-- republication, marked copy_of), so content_hash is indexed, no longer unique: SQLite rebuilds
-- the table for that, with the documented steps (foreign keys off, new table, copy, rename).
CREATE TABLE articles_new (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    dateline_place TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title_stems TEXT NOT NULL DEFAULT '',
    text_stems TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    source TEXT,
    ingested_at TEXT NOT NULL,
    copy_of_pk INTEGER,
    story_pk INTEGER
);
INSERT INTO articles_new (pk, id, url, title, outlet, published, dateline_place, text, content_hash,
                          title_stems, text_stems, record, source, ingested_at)
    SELECT pk, id, url, title, outlet, published, dateline_place, text, content_hash,
           title_stems, text_stems, record, source, ingested_at FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
CREATE INDEX articles_outlet_published ON articles (outlet, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_copy_of ON articles (copy_of_pk);
CREATE INDEX articles_story ON articles (story_pk);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title_stems, text_stems)
    VALUES (new.pk, new.title_stems, new.text_stems);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title_stems, text_stems)
    VALUES ('delete', old.pk, old.title_stems, old.text_stems);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title_stems, text_stems ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title_stems, text_stems)
    VALUES ('delete', old.pk, old.title_stems, old.text_stems);
    INSERT INTO articles_fts (rowid, title_stems, text_stems)
    VALUES (new.pk, new.title_stems, new.text_stems);
END;
-- MinHash signatures of the bodies and their LSH buckets: the copy index lives on disk.
CREATE TABLE copy_signatures (
    article_pk INTEGER PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE copy_bands (
    band INTEGER NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE
);
CREATE INDEX copy_bands_band ON copy_bands (band);
CREATE INDEX copy_bands_article ON copy_bands (article_pk);
-- Stories: their summary row, the centroid's strongest terms, each member's vector.
CREATE TABLE stories (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    headline_pk INTEGER,
    first_pk INTEGER,
    first TEXT,
    last TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    total TEXT NOT NULL DEFAULT '{}',
    centroid TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX stories_last ON stories (last);
CREATE INDEX stories_first ON stories (first);
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    story_pk INTEGER NOT NULL REFERENCES stories (pk) ON DELETE CASCADE,
    weight REAL NOT NULL,
    last TEXT
);
-- A term's stories that ran until a given day, with their weights: the lookup of an article's
-- candidate stories, answered from the index alone.
CREATE INDEX story_terms_term ON story_terms (term, last, story_pk, weight);
CREATE INDEX story_terms_story ON story_terms (story_pk);
CREATE TABLE story_members (
    article_pk INTEGER PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    story_pk INTEGER NOT NULL REFERENCES stories (pk) ON DELETE CASCADE,
    vector TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_pk);
-- Document frequencies of the story terms (the IDF), over stored originals.
CREATE TABLE story_df (
    term TEXT PRIMARY KEY,
    n INTEGER NOT NULL
);
-- Whether the stored corpus has copies and stories built (an upgraded one builds them on its
-- next writable open).
CREATE TABLE story_state (built INTEGER NOT NULL);
INSERT INTO story_state (built) VALUES (0);
