DELETE FROM imported_city WHERE batch_id = $batch_id;
