-- The good practices of the given cities (any area), newest first: what peers are known for.
SELECT pc.city_id, p.practice_id, p.title, p.year_from, p.url
FROM practice AS p
JOIN practice_city AS pc USING (practice_id)
WHERE list_contains($city_ids, pc.city_id)
ORDER BY pc.city_id, p.year_from DESC NULLS LAST, p.title;
