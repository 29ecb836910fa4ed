DELETE FROM imported_membership WHERE batch_id = $batch_id;
