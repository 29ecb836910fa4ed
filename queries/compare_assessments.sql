-- Every assessment of the chosen cities (newest first), to choose which ones a comparison sets side by side.
SELECT a.assessment_id, a.city_id, a.version_id, a.assessed_on
FROM assessment AS a
WHERE list_contains($city_ids, a.city_id)
ORDER BY a.city_id, a.assessed_on DESC, a.assessment_id DESC;
