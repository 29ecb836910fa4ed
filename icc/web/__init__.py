"""The Streamlit shell: session and sidebar, shared page components, links and the URL state, access."""
