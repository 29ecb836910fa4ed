"""A coordinator's round of Index results: the file read and checked against the database, then previewed
(the batch it becomes is kept by store/import_batches.py and published by store/publishing.py)."""
