"""Transcripts of a session's recording: imported segments with speaker and time.

``formats`` parses SRT, WebVTT and the text exports of Tencent Meeting and
Feishu Minutes; ``services.transcript_import`` stores one file on a session;
``timecodes`` turns offsets into the ``#t=12m30s`` permalinks and recording
links the recap page shows.
"""
