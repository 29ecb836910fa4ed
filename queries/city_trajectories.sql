-- Chosen cities' scores in one policy area (by harmonised code) over all their assessments.
SELECT city_id, city_name, assessment_id, version_id, assessed_on, date_precision, area_code, score
FROM score_detail
WHERE list_contains($city_ids, city_id) AND harmonised_code = $harmonised_code
ORDER BY city_id, assessed_on, assessment_id;
