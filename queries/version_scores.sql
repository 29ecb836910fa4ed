-- For one Index version: every city's newest assessment in it, all its area scores (network statistics,
-- peers and ranks are computed from these: one assessment per city). Text columns are categoricals.
SELECT city_id, city_name, country_iso2, assessment_id, assessed_on, date_precision, area_code, harmonised_code,
       score
FROM score_fact
WHERE version_id = $version_id AND newest_in_version;  -- in table order: by city, then area (see views.sql)
