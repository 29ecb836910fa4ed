"""Serving the app to a room or the network: several workers behind a reverse proxy, and a client that speaks
the app's own protocol (warm-up, load test, health)."""
