-- All good practices of one city, with their areas.
SELECT p.practice_id, p.title, p.summary, p.year_from, p.year_to, p.url, p.language_of_source,
       list(DISTINCT pa.topic ORDER BY pa.topic) AS topics
FROM practice AS p
JOIN practice_city AS pc USING (practice_id)
LEFT JOIN practice_area AS pa USING (practice_id)
WHERE pc.city_id = $city_id
GROUP BY ALL
ORDER BY p.year_from DESC NULLS LAST, p.title;
