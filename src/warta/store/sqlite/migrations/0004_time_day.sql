-- The day a time expression falls on, written by warta at ingest (both backends read it the same way).
ALTER TABLE times ADD COLUMN day TEXT;
UPDATE times SET day = substr(value, 1, 10)
WHERE value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*';
CREATE INDEX times_day ON times (day);
