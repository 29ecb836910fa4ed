-- Derived views and tables, created after the tables are loaded. What every page reads on every run
-- (city_membership, city_overview, score_fact) is materialised here, at build time, so that a query
-- selects rows instead of repeating joins and window functions (see README, Performance).

-- One row per city: how it belongs to the programme, as the membership source classifies it.
CREATE TABLE city_membership AS
WITH flags AS (
    SELECT
        c.city_id,
        -- A membership with a left year (a membership round's leaver) is history, not current.
        bool_or(m.scope = 'international' AND m.status = 'member' AND m.left_year IS NULL) AS is_member,
        bool_or(m.scope = 'national' AND m.left_year IS NULL) AS in_national_network,
        bool_or(m.scope = 'international' AND m.status = 'associated' AND m.left_year IS NULL) AS is_associated,
        bool_and(m.left_year IS NOT NULL) AS has_left,
        min(m.joined_year) FILTER (WHERE m.scope = 'international' AND m.status = 'member') AS joined_international,
        min(m.joined_year) FILTER (WHERE m.scope = 'national') AS joined_national,
        list(DISTINCT m.network_id ORDER BY m.network_id) FILTER (WHERE m.network_id IS NOT NULL) AS network_ids
    FROM city AS c
    LEFT JOIN membership AS m USING (city_id)
    GROUP BY c.city_id
)
SELECT
    city_id,
    CASE
        WHEN is_member AND in_national_network THEN 'both'
        WHEN is_member THEN 'member'
        WHEN in_national_network OR is_associated THEN 'associated'
        WHEN has_left THEN 'former'
        ELSE 'unknown'
    END AS membership_class,
    coalesce(joined_international, joined_national) AS joined_year,
    CASE WHEN joined_international IS NOT NULL THEN 'international'
         WHEN joined_national IS NOT NULL THEN 'national' END AS joined_scope,
    coalesce(network_ids, []) AS network_ids
FROM flags;

-- Every score with its area, assessment and city facts: the base of the Index charts.
CREATE VIEW score_detail AS
SELECT
    s.assessment_id,
    a.city_id,
    c.name AS city_name,
    c.country_iso2,
    a.version_id,
    a.assessed_on,
    a.date_precision,
    year(a.assessed_on) AS assessed_year,
    a.sample_size,
    p.area_id,
    p.code AS area_code,
    p.harmonised_code,
    p.group_code,
    p.display_order,
    p.short_en,
    p.short_fr,
    p.name_en AS area_name_en,
    p.name_fr AS area_name_fr,
    s.score,
    s.sample_avg,
    a.source_url,
    a.quoted_in
FROM score AS s
JOIN assessment AS a USING (assessment_id)
JOIN policy_area AS p USING (area_id)
JOIN city AS c ON c.city_id = a.city_id;

-- Each city's newest assessment that has an aggregate figure.
CREATE VIEW latest_aggregate AS
SELECT city_id, assessment_id, version_id, assessed_on, date_precision, sample_size, score, quoted_in
FROM score_detail
WHERE area_code = 'aggregate'
QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id DESC) = 1;

-- Each city's newest assessment of any kind (some publish only single areas).
CREATE VIEW latest_assessment AS
SELECT *
FROM assessment
QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id DESC) = 1;

-- One row per city with everything the city lists, the map and the profile show (one place for the joins).
CREATE TABLE city_overview AS
WITH city_networks AS (
    SELECT m.city_id, list(DISTINCT n.name ORDER BY n.name) AS network_names,
        list(DISTINCT coalesce(n.name_fr, n.name) ORDER BY coalesce(n.name_fr, n.name)) AS network_names_fr
    FROM membership AS m
    JOIN network AS n USING (network_id)
    GROUP BY m.city_id
),
-- Where each city's membership comes from: the curated files, membership rounds (their dates), or both.
membership_origin AS (
    SELECT m.city_id, bool_or(m.batch_id IS NULL) AS membership_curated,
        list(DISTINCT CAST(b.imported_at AS DATE) ORDER BY CAST(b.imported_at AS DATE))
            FILTER (WHERE b.batch_id IS NOT NULL) AS membership_rounds
    FROM membership AS m
    LEFT JOIN import_batch AS b USING (batch_id)
    GROUP BY m.city_id
)
SELECT
    c.city_id, c.name, c.country_iso2, k.iso3 AS country_iso3, k.name_en AS country_en, k.name_fr AS country_fr,
    c.lat, c.lon, c.coord_source, c.population, c.population_year, c.foreign_share_pct,
    c.foreign_share_definition, c.source_url,
    m.membership_class, m.joined_year, m.joined_scope, m.network_ids,
    coalesce(cn.network_names, []) AS network_names, coalesce(cn.network_names_fr, []) AS network_names_fr,
    l.score AS latest_score, l.assessed_on AS latest_assessed_on, l.date_precision AS latest_precision,
    l.version_id AS latest_version, l.quoted_in AS latest_quoted_in,
    assessed.city_id IS NOT NULL AS has_index,
    coalesce(mo.membership_curated, true) AS membership_curated, coalesce(mo.membership_rounds, []) AS membership_rounds
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
JOIN city_membership AS m USING (city_id)
LEFT JOIN latest_aggregate AS l USING (city_id)
LEFT JOIN city_networks AS cn USING (city_id)
LEFT JOIN membership_origin AS mo USING (city_id)
LEFT JOIN (SELECT DISTINCT city_id FROM assessment) AS assessed ON assessed.city_id = c.city_id
ORDER BY c.name, c.city_id;

-- Repeated text as dictionary-encoded ENUM types (pandas categoricals): a score row repeats its city,
-- assessment and area names, and turning half a million such strings into Python objects was most of
-- the time of the whole-network queries at 10,000 cities.
CREATE TYPE city_key AS ENUM (SELECT city_id FROM city ORDER BY city_id);
CREATE TYPE city_label AS ENUM (SELECT DISTINCT name FROM city ORDER BY name);
CREATE TYPE country_key AS ENUM (SELECT iso2 FROM country ORDER BY iso2);
CREATE TYPE assessment_key AS ENUM (SELECT assessment_id FROM assessment ORDER BY assessment_id);
CREATE TYPE version_key AS ENUM (SELECT version_id FROM index_version ORDER BY version_id);
CREATE TYPE precision_key AS ENUM ('year', 'month', 'day');
CREATE TYPE area_key AS ENUM (SELECT DISTINCT code FROM policy_area ORDER BY code);
CREATE TYPE harmonised_key AS ENUM (
    SELECT DISTINCT harmonised_code FROM policy_area WHERE harmonised_code IS NOT NULL ORDER BY harmonised_code);
CREATE TYPE area_label AS ENUM (SELECT DISTINCT name_en FROM policy_area ORDER BY name_en);
CREATE TYPE source_key AS ENUM (SELECT DISTINCT source_url FROM assessment ORDER BY source_url);
CREATE TYPE batch_key AS ENUM (SELECT DISTINCT batch_id FROM assessment WHERE batch_id IS NOT NULL ORDER BY batch_id);

-- score_detail materialised for the whole-network reads (a version's scores, the dataset export), with each
-- city's newest assessment per version flagged. Stored in the order those reads return (city, date, area):
-- DuckDB keeps insertion order for a plain scan (preserve_insertion_order), so they need no sort.
CREATE TABLE score_fact AS
SELECT
    d.city_id::city_key AS city_id,
    d.city_name::city_label AS city_name,
    d.country_iso2::country_key AS country_iso2,
    d.assessment_id::assessment_key AS assessment_id,
    d.version_id::version_key AS version_id,
    d.assessed_on,
    d.date_precision::precision_key AS date_precision,
    d.sample_size,
    d.area_code::area_key AS area_code,
    d.harmonised_code::harmonised_key AS harmonised_code,
    d.area_name_en::area_label AS area_name_en,
    d.display_order,
    d.score,
    d.sample_avg,
    d.source_url::source_key AS source_url,
    d.quoted_in,
    a.batch_id::batch_key AS batch_id,
    d.assessment_id = n.assessment_id AS newest_in_version
FROM score_detail AS d
JOIN assessment AS a USING (assessment_id)
JOIN (
    SELECT city_id, version_id, assessment_id
    FROM assessment
    QUALIFY row_number() OVER (PARTITION BY city_id, version_id ORDER BY assessed_on DESC, assessment_id DESC) = 1
) AS n ON n.city_id = d.city_id AND n.version_id = d.version_id
ORDER BY d.city_id, d.assessed_on, d.assessment_id, d.display_order;

-- Each practice's places and topics as lists, built once here (ordered and distinct list aggregates cost
-- tens of milliseconds per search even on 169 practices).
CREATE TABLE practice_lists AS
WITH places AS (
    SELECT c.practice_id,
           list({'city_id': c.city_id, 'name': coalesce(c.city_name, '')} ORDER BY c.city_name) AS cities,
           list(DISTINCT k.name_en ORDER BY k.name_en) FILTER (WHERE k.name_en IS NOT NULL) AS countries_en,
           list(DISTINCT k.name_fr ORDER BY k.name_fr) FILTER (WHERE k.name_fr IS NOT NULL) AS countries_fr
    FROM practice_city AS c
    LEFT JOIN country AS k ON k.iso2 = c.country_iso2
    GROUP BY c.practice_id
),
topics AS (
    SELECT practice_id,
           list(coalesce(harmonised_code, 'anti_rumours') ORDER BY topic) AS area_codes,
           bool_and(basis = 'classified') AS classified
    FROM practice_area
    GROUP BY practice_id
)
SELECT p.practice_id, pl.cities, pl.countries_en, pl.countries_fr, t.area_codes, t.classified
FROM practice AS p
LEFT JOIN places AS pl USING (practice_id)
LEFT JOIN topics AS t USING (practice_id);
