-- The area scores of one assessment.
SELECT area_code, harmonised_code, score, sample_avg
FROM score_detail
WHERE assessment_id = $assessment_id
ORDER BY display_order;
