-- The actor as written where no entity names it ("Massa", "polisi"): see Event.actor_text.
ALTER TABLE events ADD COLUMN actor_text TEXT;
