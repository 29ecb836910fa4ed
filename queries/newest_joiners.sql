-- The most recent joiners with a known year.
SELECT c.city_id, c.name, k.name_en AS country_en, k.name_fr AS country_fr, m.membership_class, m.joined_year,
       m.joined_scope
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
JOIN city_membership AS m USING (city_id)
WHERE m.joined_year IS NOT NULL
ORDER BY m.joined_year DESC, c.name
LIMIT $limit;
