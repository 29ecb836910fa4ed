-- For one Index version: every city's assessment just before its newest one in that version (its previous
-- round in the same version), with its area scores: the network's change between rounds is measured on these.
WITH assessments AS (
    SELECT DISTINCT city_id, assessment_id, assessed_on
    FROM score_fact
    WHERE version_id = $version_id
), previous AS (
    SELECT city_id, assessment_id
    FROM assessments
    QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id::VARCHAR DESC) = 2
)
SELECT s.city_id, s.area_code, s.score
FROM score_fact AS s
JOIN previous USING (city_id, assessment_id)
WHERE s.version_id = $version_id;
