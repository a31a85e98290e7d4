"""FAQ cards (常见问题): a question, its canonical answer, and where it was answered.

Editors promote an answered question, a recap Q&A block or a run of chat
messages into a card (``services``); cards are pages under the FAQ index
(``/faq/``, by tag), found by search as their own kind and promoted for their
question (``promotions``); the session and chat pages they came from link back.
"""
