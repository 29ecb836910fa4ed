-- One city with its country, membership, networks and sources.
SELECT * FROM city_overview WHERE city_id = $city_id;
