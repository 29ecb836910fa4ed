-- Earliest and latest joined year in the data (bounds of the map's year slider).
SELECT min(joined_year) AS first_year, max(joined_year) AS last_year FROM city_membership;
