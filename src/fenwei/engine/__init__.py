"""The situations engine: notices what needs the KOE, with deadlines.

Events in time order (and each message's act) go in; situations with their
state and changes come out. The engine imports only the model and the
configuration, reads no clock and does no I/O: ``Engine.advance_to`` is the
only way time passes, so replaying history equals running live.

    engine = Engine(config, drafter=Playbooks(config))
    changes = engine.feed(event, label)      # a message, join, leave…
    changes += engine.advance_to(now)        # deadlines, drafts, silence
    engine.situations()

``replay(pairs, config)`` does it for a whole history (staff known from the
whole input, the clock ending at the latest event); ``judge`` checks a
scenario's expectations. Live, ``record_sent`` tells the engine fenwei sent a
situation's drafts itself, and ``prune`` forgets finished situations.
"""

from fenwei.engine.engine import FENWEI, Drafter, Engine
from fenwei.engine.ids import situation_id
from fenwei.engine.judge import ItemResult, judge, passed
from fenwei.engine.replay import replay, staff_roles
from fenwei.engine.state import GroupState, MemberState, Msg

__all__ = [
    "FENWEI",
    "Drafter",
    "Engine",
    "GroupState",
    "ItemResult",
    "MemberState",
    "Msg",
    "judge",
    "passed",
    "replay",
    "situation_id",
    "staff_roles",
]
