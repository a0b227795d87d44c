-- Issue 21, item 7: the events module no longer deletes after a period of its own (vern.events.delete-after-days);
-- it records when an event was held as a retention clock event of each participant, and retention's rule for the
-- purpose 'events' deletes. held_recorded_at: when those clock events were recorded. Events purged by the old job
-- need no clock.
ALTER TABLE events_event ADD COLUMN held_recorded_at TIMESTAMP WITH TIME ZONE;
UPDATE events_event SET held_recorded_at = purged_at WHERE purged_at IS NOT NULL;
