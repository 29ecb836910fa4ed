-- Each chosen city's newest assessment and its area scores (the aggregate included).
WITH newest AS (
    SELECT assessment_id, city_id
    FROM assessment
    WHERE list_contains($city_ids, city_id)
    QUALIFY row_number() OVER (PARTITION BY city_id ORDER BY assessed_on DESC, assessment_id DESC) = 1
)
SELECT d.city_id, d.city_name, d.assessment_id, d.version_id, d.assessed_on, d.date_precision, d.area_code,
       d.harmonised_code, d.display_order, d.short_en, d.short_fr, d.area_name_en, d.area_name_fr, d.score
FROM score_detail AS d
JOIN newest USING (assessment_id)
WHERE d.group_code <> 'composite' OR d.area_code = 'aggregate'
ORDER BY d.city_id, d.display_order;
