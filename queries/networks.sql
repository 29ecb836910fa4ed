-- National networks with their country and number of cities.
SELECT n.network_id, n.name, coalesce(n.name_fr, n.name) AS name_fr, n.country_iso2, k.name_en AS country_en, k.name_fr AS country_fr,
       n.founded_year, n.source_url,
       (SELECT count(DISTINCT m.city_id) FROM membership AS m WHERE m.network_id = n.network_id) AS cities
FROM network AS n
JOIN country AS k ON k.iso2 = n.country_iso2
ORDER BY n.name;
