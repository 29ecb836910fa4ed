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
-- Membership rounds (icc/imports/membership_file.py): the cities they add or update, and their memberships.
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'index';
CREATE TABLE IF NOT EXISTS imported_city (
    batch_id VARCHAR NOT NULL, city_id VARCHAR NOT NULL, name VARCHAR NOT NULL, country_iso2 VARCHAR NOT NULL,
    lat DOUBLE NOT NULL, lon DOUBLE NOT NULL, coord_source VARCHAR NOT NULL, population BIGINT, population_year INTEGER,
    foreign_share_pct DOUBLE, foreign_share_definition VARCHAR, source_url VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS imported_membership (
    batch_id VARCHAR NOT NULL, city_id VARCHAR NOT NULL, scope VARCHAR NOT NULL, network_id VARCHAR,
    status VARCHAR NOT NULL, joined_year INTEGER, left_year INTEGER, source_url VARCHAR NOT NULL);
