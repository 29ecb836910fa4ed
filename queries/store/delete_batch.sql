DELETE FROM import_batch WHERE batch_id = $batch_id;
