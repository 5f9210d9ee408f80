"""The Streamlit app: its pages, session wiring, caches and routes; only it and the tools import streamlit."""
