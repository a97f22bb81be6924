-- GateWatch schema, version 2: each face image keeps the embedding enrollment computed from it, so the recognizer's
-- gallery is rebuilt from the database without running the face models again (org.gatewatch.enroll).
-- BYTEA is PostgreSQL's binary type and an alias of VARBINARY in H2 2.x, so one migration serves both databases.

-- The embedding as little-endian float32 values (192 for MobileFaceNet); NULL until computed, or when unusable.
ALTER TABLE face ADD COLUMN embedding BYTEA;
-- Which model computed it: a face whose model differs from the running one is embedded again from its image.
ALTER TABLE face ADD COLUMN embedding_model VARCHAR(64);
-- Why the image gave no embedding (no face, several faces, missing file), so it is not retried at every rebuild.
ALTER TABLE face ADD COLUMN embedding_error VARCHAR(300);
