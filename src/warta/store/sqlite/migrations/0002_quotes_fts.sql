-- Full-text search over quote text, stemmed like the articles.
ALTER TABLE quotes ADD COLUMN text_stems TEXT NOT NULL DEFAULT '';
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text_stems,
    content="quotes", content_rowid="rowid",
    tokenize="unicode61 remove_diacritics 2"
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text_stems) VALUES (new.rowid, new.text_stems);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text_stems) VALUES ('delete', old.rowid, old.text_stems);
END;
