"""Attendance: RSVPs (with capacity and a waitlist), 群接龙 paste-in, check-in
and meeting participant imports. Models are re-exported by ``sessions.models``;
writes go through ``sessions.attendance.services``."""
