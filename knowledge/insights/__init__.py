"""Organiser insight: who takes part, how sessions go. One function computes
the figures (``figures.community_figures``); the admin dashboard and the
``community_report`` command both call it."""
