-- Cities per country and membership class.
SELECT k.iso2, k.name_en AS country_en, k.name_fr AS country_fr, m.membership_class, count(*) AS cities
FROM city AS c
JOIN country AS k ON k.iso2 = c.country_iso2
JOIN city_membership AS m USING (city_id)
GROUP BY ALL
ORDER BY cities DESC, country_en;
