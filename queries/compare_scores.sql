-- The area scores (the aggregate included) of the chosen assessments, one per city.
SELECT d.city_id, d.city_name, d.assessment_id, d.version_id, d.assessed_on, d.date_precision, d.area_code,
       d.harmonised_code, d.display_order, d.short_en, d.short_fr, d.area_name_en, d.area_name_fr, d.score, d.quoted_in
FROM score_detail AS d
WHERE list_contains($assessment_ids, d.assessment_id)
  AND (d.group_code <> 'composite' OR d.area_code = 'aggregate')
ORDER BY d.city_id, d.display_order;
