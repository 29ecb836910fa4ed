-- The coordinators' batches the database shows, newest first.
-- internal: for the coordinators' import and its checks; not published as a data twin
SELECT batch_id, file_name, rows, imported_at, imported_by
FROM import_batch
ORDER BY imported_at DESC, batch_id DESC;
