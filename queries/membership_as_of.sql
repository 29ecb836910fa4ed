-- When the membership shown is true as of: the newest membership round imported (none: the curated files).
SELECT max(imported_at) AS last_round, count(*) AS rounds
FROM import_batch
WHERE kind = 'membership';
