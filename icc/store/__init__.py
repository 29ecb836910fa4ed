"""The data path: source files in data/ -> checked -> the published database, its snapshots, and the demo network."""
