"""The web app of ``fenwei serve``: pages for KOEs, a REST API for connectors.

``create_app(store, config)`` (``fenwei.web.app``) builds the ASGI app: the
live engine (``live.py``) keeps situations current as events arrive and time
passes; ``api.py`` serves ``/api/v1``; ``pages.py`` and ``settings_pages.py``
the server-rendered pages (templates in ``templates/``, CSS and a few lines of
JavaScript in ``static/``); ``auth.py`` and ``security.py`` decide who may do
what. Layer: the top, beside ``cli/``.
"""
