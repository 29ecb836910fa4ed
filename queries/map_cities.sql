-- Cities for the map, filtered. Empty lists mean "no filter"; $joined_from/$joined_to bound the joined year
-- (cities with an unknown year are kept only when the full range is selected: $keep_unknown_year).
SELECT *
FROM city_overview
WHERE (len($countries) = 0 OR list_contains($countries, country_iso2))
  AND (len($networks) = 0 OR len(list_intersect($networks, network_ids)) > 0)
  AND (len($statuses) = 0 OR list_contains($statuses, membership_class))
  AND ((joined_year BETWEEN $joined_from AND $joined_to) OR (joined_year IS NULL AND $keep_unknown_year))
  AND ($has_index = 'all' OR ($has_index = 'yes') = has_index)
ORDER BY name;
