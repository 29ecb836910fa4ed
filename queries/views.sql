-- Derived views, created after the tables are loaded.

-- One row per city: how it belongs to the programme, as the membership source classifies it.
CREATE VIEW city_membership AS
WITH flags AS (
    SELECT
        c.city_id,
        bool_or(m.scope = 'international' AND m.status = 'member') AS is_member,
        bool_or(m.scope = 'national') AS in_national_network,
        bool_or(m.scope = 'international' AND m.status = 'associated') AS is_associated,
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
    a.source_url
FROM score AS s
JOIN assessment AS a USING (assessment_id)
JOIN policy_area AS p USING (area_id)
JOIN city AS c ON c.city_id = a.city_id;

-- Each city's newest assessment that has an aggregate figure.
CREATE VIEW latest_aggregate AS
SELECT city_id, assessment_id, version_id, assessed_on, date_precision, sample_size, score
FROM score_detail
WHERE area_code = 'aggregate'
QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id DESC) = 1;

-- Each city's newest assessment of any kind (some publish only single areas).
CREATE VIEW latest_assessment AS
SELECT *
FROM assessment
QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id DESC) = 1;
