-- How much each bundled dataset holds, for the About page.
SELECT
    (SELECT count(*) FROM city) AS cities,
    (SELECT count(DISTINCT country_iso2) FROM city) AS countries,
    (SELECT count(*) FROM network) AS networks,
    (SELECT count(*) FROM score) AS index_figures,
    (SELECT count(DISTINCT city_id) FROM assessment) AS index_cities,
    (SELECT count(*) FROM practice) AS practices,
    (SELECT count(DISTINCT city_id) FROM practice_city WHERE city_id IS NOT NULL) AS practice_cities,
    (SELECT count(*) FROM city WHERE coord_source LIKE 'hand-checked%') AS hand_checked_coordinates,
    (SELECT count(*) FROM city WHERE population IS NULL) AS cities_without_population,
    (SELECT count(*) FROM city_membership WHERE joined_year IS NULL) AS cities_without_joined_year;
