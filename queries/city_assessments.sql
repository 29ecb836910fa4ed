-- Every Index assessment of a city, newest first, with how many areas it reports and its aggregate.
SELECT
    a.assessment_id, a.version_id, a.assessed_on, a.date_precision, a.sample_size, a.source_url, a.quoted_in, a.batch_id,
    count(s.area_id) FILTER (WHERE p.group_code <> 'composite') AS areas_reported,
    max(s.score) FILTER (WHERE p.code = 'aggregate') AS aggregate
FROM assessment AS a
LEFT JOIN score AS s USING (assessment_id)
LEFT JOIN policy_area AS p USING (area_id)
WHERE a.city_id = $city_id
GROUP BY ALL
ORDER BY a.assessed_on DESC, a.assessment_id DESC;
