-- What the practice filters can offer: countries and cities that have practices, and the year span.
SELECT 'country' AS facet, c.country_iso2 AS value, k.name_en AS label_en, k.name_fr AS label_fr, count(*) AS n
FROM practice_city AS c JOIN country AS k ON k.iso2 = c.country_iso2
GROUP BY ALL
UNION ALL
SELECT 'city', c.city_id, ci.name, ci.name, count(*)
FROM practice_city AS c JOIN city AS ci USING (city_id)
GROUP BY ALL
UNION ALL
SELECT 'year', NULL, CAST(min(year_from) AS VARCHAR), CAST(max(coalesce(year_to, year_from)) AS VARCHAR), count(*)
FROM practice
ORDER BY facet, label_en;
