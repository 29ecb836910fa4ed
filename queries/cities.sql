-- Every city with its country, membership and newest aggregate Index figure (if any).
SELECT
    c.city_id, c.name, c.country_iso2, k.iso3 AS country_iso3, k.name_en AS country_en, k.name_fr AS country_fr,
    c.lat, c.lon, c.coord_source, c.population, c.population_year, c.foreign_share_pct,
    c.foreign_share_definition, c.source_url,
    m.membership_class, m.joined_year, m.joined_scope, m.network_ids,
    l.score AS latest_score, l.assessed_on AS latest_assessed_on, l.date_precision AS latest_precision,
    l.version_id AS latest_version,
    assessed.city_id IS NOT NULL AS has_index
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
JOIN city_membership AS m USING (city_id)
LEFT JOIN latest_aggregate AS l USING (city_id)
LEFT JOIN (SELECT DISTINCT city_id FROM assessment) AS assessed ON assessed.city_id = c.city_id
ORDER BY c.name;
