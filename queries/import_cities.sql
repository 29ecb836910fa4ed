-- Cities as imports match them: id, name and country (code and names).
-- internal: for the coordinators' import and its checks; not published as a data twin
SELECT c.city_id, c.name, c.country_iso2, k.name_en AS country_en, k.name_fr AS country_fr
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
ORDER BY c.city_id;
