"""The app: `streamlit run app.py` serves its pages (geo/web/pages/) and the routes beside them."""

from geo.web.server import run_page, server

if __name__ == "__main__":
    # Each session runs this file as __main__: the page the reader is on.
    run_page()
else:
    # `streamlit run app.py` imports this file to find the app it serves.
    app = server(__file__)
