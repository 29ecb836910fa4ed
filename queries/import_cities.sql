-- Cities as imports match them: id, name and country (code and names), with the figures a membership round may update.
-- internal: for the coordinators' import and its checks; not published as a data twin
SELECT c.city_id, c.name, c.country_iso2, k.name_en AS country_en, k.name_fr AS country_fr, c.lat, c.lon,
    c.coord_source, c.population, c.population_year, c.foreign_share_pct, c.foreign_share_definition, c.source_url
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
ORDER BY c.city_id;
