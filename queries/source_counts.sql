-- How much each bundled dataset holds, for the About page.
WITH per_city AS (
    SELECT count(*) AS cities, count(DISTINCT c.country_iso2) AS countries,
           count(*) FILTER (WHERE c.coord_source LIKE 'hand-checked%') AS hand_checked_coordinates,
           count(*) FILTER (WHERE c.population IS NULL) AS cities_without_population,
           count(*) FILTER (WHERE m.joined_year IS NULL) AS cities_without_joined_year
    FROM city AS c JOIN city_membership AS m USING (city_id)
)
SELECT p.*,
    (SELECT count(*) FROM network) AS networks,
    (SELECT count(*) FROM score) AS index_figures,
    (SELECT count(DISTINCT city_id) FROM assessment) AS index_cities,
    (SELECT count(*) FROM practice) AS practices,
    (SELECT count(DISTINCT city_id) FROM practice_city WHERE city_id IS NOT NULL) AS practice_cities
FROM per_city AS p;
