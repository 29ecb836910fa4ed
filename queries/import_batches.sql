-- The coordinators' batches the database shows, newest first.
SELECT batch_id, file_name, rows, imported_at, imported_by
FROM import_batch
ORDER BY imported_at DESC, batch_id DESC;
