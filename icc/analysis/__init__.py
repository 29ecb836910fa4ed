"""Computations on frames (no Streamlit, no files): ranks, peers, profiles, trends, areas, summaries, practices."""
