-- Good practices of the given cities in the given harmonised areas.
SELECT pc.city_id, pa.harmonised_code, p.practice_id, p.title, p.year_from, p.year_to, p.url, p.language_of_source
FROM practice AS p
JOIN practice_city AS pc USING (practice_id)
JOIN practice_area AS pa USING (practice_id)
WHERE list_contains($city_ids, pc.city_id) AND list_contains($harmonised_codes, pa.harmonised_code)
ORDER BY pc.city_id, pa.harmonised_code, p.year_from DESC NULLS LAST, p.title;
