-- GateWatch schema, version 4: events also say when a camera's source was lost and came back (CAMERA_DOWN,
-- CAMERA_UP), so the decision column takes longer names.
ALTER TABLE access_event ALTER COLUMN decision SET DATA TYPE VARCHAR(16);
