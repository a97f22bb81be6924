-- GateWatch schema, version 3: the liveness (anti-spoofing) score of the face that could grant access, kept with
-- its event so a site can see what its camera's real faces score before it turns the liveness rule on.
-- 0 = a live face .. 1 = a presentation attack (photo, screen); NULL when no face was scored (no face, no match,
-- or liveness = off on that camera).
ALTER TABLE access_event ADD COLUMN spoof_score DOUBLE PRECISION;
