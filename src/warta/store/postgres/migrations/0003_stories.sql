-- Copies and stories (warta.stories). An identical body may now be stored under several ids (a
-- republication, marked copy_of), so content_hash is indexed, no longer unique.
ALTER TABLE articles DROP CONSTRAINT articles_content_hash_key;
CREATE INDEX articles_content_hash ON articles (content_hash);
ALTER TABLE articles ADD COLUMN copy_of_pk BIGINT;
ALTER TABLE articles ADD COLUMN story_pk BIGINT;
CREATE INDEX articles_copy_of ON articles (copy_of_pk);
CREATE INDEX articles_story ON articles (story_pk);
-- MinHash signatures of the bodies and their LSH buckets: the copy index lives on disk.
CREATE TABLE copy_signatures (
    article_pk BIGINT PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    signature BYTEA NOT NULL
);
CREATE TABLE copy_bands (
    band BIGINT NOT NULL,
    article_pk BIGINT NOT NULL REFERENCES articles (pk) ON DELETE CASCADE
);
CREATE INDEX copy_bands_band ON copy_bands (band);
CREATE INDEX copy_bands_article ON copy_bands (article_pk);
-- Stories: their summary row, the centroid's strongest terms, each member's vector.
CREATE TABLE stories (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    headline_pk BIGINT,
    first_pk BIGINT,
    first TEXT COLLATE "C",
    last TEXT COLLATE "C",
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    total TEXT COLLATE "C" NOT NULL DEFAULT '{}',
    centroid TEXT COLLATE "C" NOT NULL DEFAULT '{}'
);
CREATE INDEX stories_last ON stories (last);
CREATE INDEX stories_first ON stories (first);
CREATE TABLE story_terms (
    term TEXT COLLATE "C" NOT NULL,
    story_pk BIGINT NOT NULL REFERENCES stories (pk) ON DELETE CASCADE,
    weight DOUBLE PRECISION NOT NULL,
    last TEXT COLLATE "C"
);
-- A term's stories that ran until a given day, with their weights: the lookup of an article's
-- candidate stories, answered from the index alone.
CREATE INDEX story_terms_term ON story_terms (term, last, story_pk, weight);
CREATE INDEX story_terms_story ON story_terms (story_pk);
CREATE TABLE story_members (
    article_pk BIGINT PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    story_pk BIGINT NOT NULL REFERENCES stories (pk) ON DELETE CASCADE,
    vector TEXT COLLATE "C" NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_pk);
CREATE TABLE story_df (
    term TEXT COLLATE "C" PRIMARY KEY,
    n INTEGER NOT NULL
);
CREATE TABLE story_state (built INTEGER NOT NULL);
INSERT INTO story_state (built) VALUES (0);
