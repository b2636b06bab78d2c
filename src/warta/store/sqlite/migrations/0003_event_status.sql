-- Event fields added to the record: the actor's country, status and confidence.
ALTER TABLE events ADD COLUMN actor_country TEXT;
ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN confidence REAL;
