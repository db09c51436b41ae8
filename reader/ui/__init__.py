"""The PySide6 window. The window (:mod:`reader.ui.window`) makes its parts, lays them out
and wires them with signals; each part is a package with its own widgets and state:

- :mod:`reader.ui.places`: section tree, history, back and forward, rendering a place;
- :mod:`reader.ui.search`: search field, results list, search service;
- :mod:`reader.ui.answer`: answer view, find bar, links to files, printing and PDF;
- :mod:`reader.ui.commands`: menus and actions, About / content / log dialogs;
- :mod:`reader.ui.refresh`: update from the wiki, rollback, wiki preferences.

Shared by all: :mod:`reader.ui.jobs` (background work), :mod:`reader.ui.crash`
(unexpected errors, Qt's messages, no screen), :mod:`reader.ui.settings`,
:mod:`reader.ui.theme`, :mod:`reader.ui.text`; :mod:`reader.ui.app` starts it all.
"""
