"""The Streamlit pages: thin layouts over :mod:`kg.appdata` (``kg app`` runs them)."""
