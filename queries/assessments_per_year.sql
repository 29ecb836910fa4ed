-- How many cities were assessed each year, per Index version (the Index sample over time).
SELECT year(assessed_on) AS year, version_id, count(DISTINCT city_id) AS cities
FROM assessment
GROUP BY ALL
ORDER BY year, version_id;
