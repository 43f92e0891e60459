"""Streamlit building blocks for the pages: cached resources, the sidebar, the conversation and its views.

No SQL and no model logic here: questions go to the chain, answers come back as `Answer` objects.
"""
