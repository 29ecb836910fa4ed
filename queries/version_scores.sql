-- For one Index version: every city's newest assessment in it, all its area scores (network statistics,
-- peers and ranks are computed from these: one assessment per city).
WITH newest AS (
    SELECT assessment_id, city_id
    FROM assessment
    WHERE version_id = $version_id
    QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id DESC) = 1
)
SELECT d.city_id, d.city_name, d.country_iso2, d.assessment_id, d.assessed_on, d.date_precision,
       d.area_code, d.harmonised_code, d.score
FROM score_detail AS d
JOIN newest USING (assessment_id)
ORDER BY d.city_id, d.display_order;
