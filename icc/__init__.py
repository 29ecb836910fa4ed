"""ICC Index Explorer: the logic behind the dashboard, importable and testable without Streamlit."""
