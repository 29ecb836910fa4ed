DELETE FROM imported_score WHERE batch_id = $batch_id;
