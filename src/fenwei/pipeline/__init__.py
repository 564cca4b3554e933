"""Where importers, the classifier, the engine, playbooks and the store meet.

``importing``: files → events → store, in batched transactions.
``analysis``: stored events → labels (classifier, gold or corrections) →
engine → situations and suggestions → store. Nothing else wires them.
"""

from fenwei.pipeline.importing import (
    BATCH,
    ImportSummary,
    import_file,
    store_events,
    store_items,
)

__all__ = ["BATCH", "ImportSummary", "import_file", "store_events", "store_items"]
