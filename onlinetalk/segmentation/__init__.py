"""Chinese word segmentation for search: the same dictionary at index time and at query time.

Stock full-text search (PostgreSQL's parsers, SQLite's FTS5 `unicode61`) treats a run of Chinese
characters as one token, so 养老保险 is not found inside a sentence. Text is indexed as the
space-separated words of jieba's search mode (short words and the compound alike) and the query
is cut the same way by the backend in `backend.py`.
"""
