"""The Streamlit app: its pages, session wiring, caches, routes and server. Only this package imports streamlit."""
