-- Every city with its newest Index assessment (any version), how many it has, and its membership: who has
-- results, how old they are, and who never answered.
SELECT c.city_id, c.name, c.country_iso2, c.country_en, c.country_fr, c.membership_class, c.network_ids,
       c.lat, c.lon, c.population, c.joined_year, c.latest_score,
       a.assessed_on AS newest_assessed_on, a.date_precision AS newest_precision, a.version_id AS newest_version,
       coalesce(a.assessments, 0) AS assessments
FROM city_overview AS c
LEFT JOIN (
    SELECT city_id, max(assessed_on) AS assessed_on, arg_max(date_precision, assessed_on) AS date_precision,
           arg_max(version_id, assessed_on) AS version_id, count(*) AS assessments
    FROM assessment
    GROUP BY city_id
) AS a USING (city_id)
ORDER BY a.assessed_on NULLS LAST, c.name;
