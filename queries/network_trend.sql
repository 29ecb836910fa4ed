-- One policy area (by harmonised code) across the network per year and Index version: median and
-- interquartile range of the cities assessed that year (each city's newest assessment in the year).
WITH per_city_year AS (
    SELECT city_id, version_id, assessed_year AS year, score
    FROM score_detail
    WHERE harmonised_code = $harmonised_code
    QUALIFY row_number() OVER (PARTITION BY city_id, version_id, assessed_year ORDER BY assessed_on DESC) = 1
)
SELECT version_id, year, count(*) AS cities,
       median(score) AS median, quantile_cont(score, 0.25) AS q1, quantile_cont(score, 0.75) AS q3
FROM per_city_year
GROUP BY ALL
ORDER BY year, version_id;
