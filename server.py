"""The server: Streamlit's, serving dashboard.py, with the app's front (icc/serving/front.py): warm before it
says healthy, each page's first paint styled in its language, the app's static files compressed and cached.
`make run` and every worker of `make serve` start it with `streamlit run server.py`."""

import streamlit as st

from icc.serving.front import MIDDLEWARE, lifespan

app = st.App("dashboard.py", lifespan=lifespan, middleware=MIDDLEWARE)
