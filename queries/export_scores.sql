-- Every Index figure with its city, country, assessment and area: the dataset as one long table.
SELECT d.city_id, d.city_name, d.country_iso2, d.assessment_id, d.version_id, d.assessed_on, d.date_precision,
       d.sample_size, d.area_code, d.harmonised_code, d.area_name_en, d.score, d.sample_avg, d.source_url,
       a.batch_id
FROM score_detail AS d
JOIN assessment AS a USING (assessment_id)
ORDER BY d.city_id, d.assessed_on, d.display_order;
