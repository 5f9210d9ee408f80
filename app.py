"""The app: `streamlit run app.py` serves its pages (geo/web/pages/) and the routes beside them."""

import streamlit as st

from geo.web.navigation import run_page
from geo.web.routes import lifespan, routes

if __name__ == "__main__":
    # Each session runs this file as __main__: the page the reader is on.
    run_page()
else:
    # `streamlit run` imports this file to find the app it serves, having found it by reading
    # this file for an `st.App(...)` call: so the call stands here, not in a function.
    app = st.App(__file__, routes=routes(st.get_option("server.baseUrlPath")), lifespan=lifespan)
