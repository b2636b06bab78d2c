-- One key per real-world entity across the corpus (warta.identity). Mentions keep the key their
-- article's NLP gave them (local_key) beside the corpus key (entity_key).
ALTER TABLE mentions ADD COLUMN local_key TEXT COLLATE "C";
UPDATE mentions SET local_key = entity_key;
CREATE INDEX mentions_local ON mentions (local_key);
-- The evidence: each article's written forms joined to an entity of another key.
CREATE TABLE entity_forms (
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    form TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL
);
CREATE INDEX entity_forms_form ON entity_forms (form);
CREATE INDEX entity_forms_article ON entity_forms (article_pk);
CREATE INDEX entity_forms_key ON entity_forms (key);
-- Local keys that resolve to another entity, and how (corpus evidence, or a merge by hand).
CREATE TABLE entity_links (
    local TEXT COLLATE "C" PRIMARY KEY,
    key TEXT COLLATE "C" NOT NULL,
    how TEXT COLLATE "C" NOT NULL
);
CREATE INDEX entity_links_key ON entity_links (key);
-- Corrections by hand (warta entities merge|split), applied on every write and relink.
CREATE TABLE entity_corrections (
    pk BIGSERIAL PRIMARY KEY,
    action TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    other TEXT COLLATE "C" NOT NULL,
    made_at TEXT COLLATE "C" NOT NULL
);
-- Whether the stored corpus has been linked (an upgraded one relinks on its next writable open,
-- again if that was interrupted).
CREATE TABLE identity_state (relinked INTEGER NOT NULL);
INSERT INTO identity_state (relinked) VALUES (0);
