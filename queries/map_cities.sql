-- Cities for the map, filtered. Empty lists mean "no filter"; $joined_from/$joined_to bound the joined year
-- (cities with an unknown year are kept only when the full range is selected: $keep_unknown_year).
WITH city_networks AS (
    SELECT m.city_id, list(DISTINCT n.name ORDER BY n.name) AS network_names
    FROM membership AS m
    JOIN network AS n USING (network_id)
    GROUP BY m.city_id
)
SELECT *
FROM (
    SELECT
        c.city_id, c.name, c.country_iso2, k.name_en AS country_en, k.name_fr AS country_fr,
        c.lat, c.lon, c.population, c.population_year,
        m.membership_class, m.joined_year, m.network_ids,
        coalesce(cn.network_names, []) AS network_names,
        l.score AS latest_score, l.assessed_on AS latest_assessed_on, l.date_precision AS latest_precision,
        l.version_id AS latest_version,
        assessed.city_id IS NOT NULL AS has_index
    FROM city AS c
    JOIN country AS k ON k.iso2 = c.country_iso2
    JOIN city_membership AS m USING (city_id)
    LEFT JOIN latest_aggregate AS l USING (city_id)
    LEFT JOIN city_networks AS cn USING (city_id)
    LEFT JOIN (SELECT DISTINCT city_id FROM assessment) AS assessed ON assessed.city_id = c.city_id
)
WHERE (len($countries) = 0 OR list_contains($countries, country_iso2))
  AND (len($networks) = 0 OR len(list_intersect($networks, network_ids)) > 0)
  AND (len($statuses) = 0 OR list_contains($statuses, membership_class))
  AND ((joined_year BETWEEN $joined_from AND $joined_to) OR (joined_year IS NULL AND $keep_unknown_year))
  AND ($has_index = 'all' OR ($has_index = 'yes') = has_index)
ORDER BY name;
