-- One city with its country, membership, networks and sources.
WITH city_networks AS (
    SELECT m.city_id, list(DISTINCT n.name ORDER BY n.name) AS network_names
    FROM membership AS m
    JOIN network AS n USING (network_id)
    WHERE m.city_id = $city_id
    GROUP BY m.city_id
)
SELECT
    c.city_id, c.name, c.country_iso2, k.name_en AS country_en, k.name_fr AS country_fr,
    c.lat, c.lon, c.coord_source, c.population, c.population_year, c.foreign_share_pct,
    c.foreign_share_definition, c.source_url,
    m.membership_class, m.joined_year, m.joined_scope, m.network_ids,
    coalesce(cn.network_names, []) AS network_names,
    l.score AS latest_score, l.assessed_on AS latest_assessed_on, l.date_precision AS latest_precision,
    l.version_id AS latest_version
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
JOIN city_membership AS m USING (city_id)
LEFT JOIN latest_aggregate AS l USING (city_id)
LEFT JOIN city_networks AS cn USING (city_id)
WHERE c.city_id = $city_id;
