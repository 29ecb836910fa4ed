-- The scores already stored for the given assessments (what an import would add to or replace).
SELECT assessment_id, area_id, score, sample_avg
FROM score
WHERE list_contains($assessment_ids, assessment_id)
ORDER BY assessment_id, area_id;
