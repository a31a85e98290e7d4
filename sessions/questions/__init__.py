"""Question collection: members ask and vote before and during a live share; moderators
approve, merge and answer; answered questions go into the recap.

``models`` (re-exported from ``sessions.models``), ``services`` (the rules),
``views`` (the two POST routes), ``forms``, and the admin wiring.
"""
