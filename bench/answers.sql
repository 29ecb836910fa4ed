-- A synthetic question-level table for the benchmark: 16 million answers spread over the assessments,
-- $questions per assessment, across 17 areas.
CREATE OR REPLACE TABLE answer AS
SELECT (i // $questions) AS assessment, (i % $questions) AS question, ((i % $questions) % 17) AS area,
       (hash(i) % 101)::INTEGER AS value
FROM range(16000000) AS r(i);
