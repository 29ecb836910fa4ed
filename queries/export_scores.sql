-- Every Index figure with its city, country, assessment and area: the dataset as one long table (text
-- columns are categoricals).
SELECT city_id, city_name, country_iso2, assessment_id, version_id, assessed_on, date_precision, sample_size,
       area_code, harmonised_code, area_name_en, score, sample_avg, source_url, quoted_in, batch_id
FROM score_fact;  -- in table order: by city, date, area (see views.sql)
