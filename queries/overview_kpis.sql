-- Headline figures of the overview: one row.
SELECT
    (SELECT count(*) FROM city) AS cities,
    (SELECT count(DISTINCT country_iso2) FROM city) AS countries,
    (SELECT count(*) FROM network) AS national_networks,
    (SELECT count(*) FROM city_membership WHERE membership_class IN ('member', 'both')) AS international_members,
    (SELECT count(*) FROM city_membership WHERE membership_class = 'associated') AS associated_only,
    (SELECT count(*) FROM city_membership WHERE membership_class = 'both') AS members_in_both,
    (SELECT count(*) FROM city_membership WHERE membership_class = 'unknown') AS status_unknown,
    (SELECT count(DISTINCT city_id) FROM assessment) AS cities_with_index,
    (SELECT max(assessed_on) FROM assessment) AS newest_assessment,
    (SELECT date_precision FROM assessment ORDER BY assessed_on DESC, assessment_id LIMIT 1) AS newest_precision,
    (SELECT dataset FROM build_info) AS dataset;
