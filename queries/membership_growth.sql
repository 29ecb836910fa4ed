-- Cities joining per year and scope (international programme or national network); year NULL = unknown.
SELECT joined_year, joined_scope, count(*) AS cities
FROM city_membership
GROUP BY ALL
ORDER BY joined_year NULLS LAST, joined_scope;
