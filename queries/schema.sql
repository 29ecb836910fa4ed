-- Tables of the ICC Index Explorer database. Loaded by icc/build.py into a fresh file.
CREATE TABLE build_info (
    data_hash VARCHAR NOT NULL,
    dataset VARCHAR NOT NULL,          -- 'published' or 'demo'
    built_at TIMESTAMP NOT NULL
);

CREATE TABLE country (
    iso2 VARCHAR PRIMARY KEY,
    iso3 VARCHAR NOT NULL UNIQUE,
    name_en VARCHAR NOT NULL,
    name_fr VARCHAR NOT NULL,
    source_url VARCHAR NOT NULL
);

CREATE TABLE network (
    network_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    name_fr VARCHAR,  -- where one exists (the generated demo's); else French pages show `name`, as published
    country_iso2 VARCHAR NOT NULL REFERENCES country (iso2),
    founded_year INTEGER,
    source_url VARCHAR NOT NULL
);

CREATE TABLE city (
    city_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    country_iso2 VARCHAR NOT NULL REFERENCES country (iso2),
    lat DOUBLE NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon DOUBLE NOT NULL CHECK (lon BETWEEN -180 AND 180),
    coord_source VARCHAR NOT NULL,
    population BIGINT CHECK (population > 0),
    population_year INTEGER,
    foreign_share_pct DOUBLE CHECK (foreign_share_pct BETWEEN 0 AND 100),
    foreign_share_definition VARCHAR,
    source_url VARCHAR NOT NULL
);

CREATE TABLE membership (
    city_id VARCHAR NOT NULL REFERENCES city (city_id),
    scope VARCHAR NOT NULL CHECK (scope IN ('international', 'national')),
    network_id VARCHAR REFERENCES network (network_id),
    status VARCHAR NOT NULL CHECK (status IN ('member', 'associated', 'unknown')),
    joined_year INTEGER,
    left_year INTEGER,
    source_url VARCHAR NOT NULL,
    batch_id VARCHAR  -- the membership round that recorded it; NULL: the curated files in data/
);

CREATE TABLE index_version (
    version_id VARCHAR PRIMARY KEY,
    label_en VARCHAR NOT NULL,
    label_fr VARCHAR NOT NULL,
    first_year INTEGER NOT NULL,
    last_year INTEGER,
    note_en VARCHAR NOT NULL,
    note_fr VARCHAR NOT NULL,
    source_url VARCHAR NOT NULL
);

CREATE TABLE policy_area (
    area_id VARCHAR PRIMARY KEY,
    version_id VARCHAR NOT NULL REFERENCES index_version (version_id),
    code VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    name_fr VARCHAR NOT NULL,
    short_en VARCHAR NOT NULL,
    short_fr VARCHAR NOT NULL,
    group_code VARCHAR NOT NULL,
    optional BOOLEAN NOT NULL,
    display_order INTEGER NOT NULL,
    harmonised_code VARCHAR NOT NULL,
    source_url VARCHAR NOT NULL,
    UNIQUE (version_id, code)
);

CREATE TABLE area_definition (
    harmonised_code VARCHAR PRIMARY KEY,
    definition_en VARCHAR NOT NULL,
    definition_fr VARCHAR NOT NULL,
    source_url VARCHAR NOT NULL,
    -- 'own': the sources only name the area, so the definition is this project's wording ('source' otherwise).
    wording VARCHAR NOT NULL CHECK (wording IN ('source', 'own'))
);

CREATE TABLE import_batch (
    batch_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    rows INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    imported_by VARCHAR NOT NULL,
    kind VARCHAR NOT NULL DEFAULT 'index'  -- 'index' (an Index round) or 'membership' (a membership round)
);

CREATE TABLE assessment (
    assessment_id VARCHAR PRIMARY KEY,
    city_id VARCHAR NOT NULL REFERENCES city (city_id),
    version_id VARCHAR NOT NULL REFERENCES index_version (version_id),
    assessed_on DATE NOT NULL,
    date_precision VARCHAR NOT NULL CHECK (date_precision IN ('year', 'month', 'day')),
    sample_size INTEGER,
    source_url VARCHAR NOT NULL,
    batch_id VARCHAR REFERENCES import_batch (batch_id),
    -- Set when the source quotes this city's figure in a text about another city (which one, and when).
    quoted_in VARCHAR
);

CREATE TABLE score (
    assessment_id VARCHAR NOT NULL REFERENCES assessment (assessment_id),
    area_id VARCHAR NOT NULL REFERENCES policy_area (area_id),
    score DOUBLE NOT NULL CHECK (score BETWEEN 0 AND 100),
    sample_avg DOUBLE CHECK (sample_avg BETWEEN 0 AND 100),
    PRIMARY KEY (assessment_id, area_id)
);

CREATE TABLE practice (
    practice_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    year_from INTEGER,
    year_to INTEGER,
    language_of_source VARCHAR NOT NULL,
    url VARCHAR NOT NULL
);

CREATE TABLE practice_city (
    practice_id VARCHAR NOT NULL REFERENCES practice (practice_id),
    city_id VARCHAR REFERENCES city (city_id),
    city_name VARCHAR,
    country_iso2 VARCHAR NOT NULL REFERENCES country (iso2)
);

CREATE TABLE practice_area (
    practice_id VARCHAR NOT NULL REFERENCES practice (practice_id),
    topic VARCHAR NOT NULL,
    harmonised_code VARCHAR,
    basis VARCHAR NOT NULL CHECK (basis IN ('source', 'classified'))
);
