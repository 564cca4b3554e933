"""fenwei (氛围): an atmosphere copilot for brand community groups.

It reads every group's messages and membership events, understands what each
message does, notices the moments that shape a group's atmosphere, drafts the
words for the KOE and measures whether each group is becoming a home.
"""

__version__ = "0.1.0"
