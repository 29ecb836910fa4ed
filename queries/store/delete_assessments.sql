DELETE FROM imported_assessment WHERE batch_id = $batch_id;
