-- Every city with its country, membership, networks and newest aggregate Index figure (if any).
SELECT * FROM city_overview ORDER BY name;
