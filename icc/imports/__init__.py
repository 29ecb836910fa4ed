"""A coordinator's round of Index results: the file read and checked, previewed, kept as a batch."""
