UPDATE import_batch SET status = $status WHERE batch_id = $batch_id;
