-- The import store (data/imports/batches.duckdb): coordinators' batches, kept apart from the bundled data.
CREATE TABLE IF NOT EXISTS import_batch (
    batch_id VARCHAR PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, rows INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL, imported_by VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS imported_assessment (
    batch_id VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, city_id VARCHAR NOT NULL, version_id VARCHAR NOT NULL,
    assessed_on DATE NOT NULL, date_precision VARCHAR NOT NULL, sample_size INTEGER, source_url VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS imported_score (
    batch_id VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, area_id VARCHAR NOT NULL, score DOUBLE NOT NULL,
    sample_avg DOUBLE);
-- Added later; stores written before them get them here (see icc/imports.py for what they mean).
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'published';
ALTER TABLE imported_assessment ADD COLUMN IF NOT EXISTS replace_scores BOOLEAN DEFAULT false;
