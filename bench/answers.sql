-- A synthetic question-level table for the benchmark: about 90 answers per assessment across 17 areas.
CREATE OR REPLACE TABLE answer AS
SELECT (i // 90) AS assessment, (i % 90) AS question, ((i % 90) % 17) AS area,
       (hash(i) % 101)::INTEGER AS value
FROM range($assessments * 90) AS r(i);
