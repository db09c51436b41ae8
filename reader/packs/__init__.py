"""Content packs: the content held, in one ``.faqpack`` file that carries it to offline machines.

A pack is a ZIP file with ``manifest.json`` first, then the stored pages and media
(``docs/PACK_FORMAT.md`` is the format, written for other tools too). The modules:

- :mod:`reader.packs.errors`: :class:`~reader.packs.errors.PackError` and its kinds;
- :mod:`reader.packs.names`: which member names are safe to write under the data folder;
- :mod:`reader.packs.header`: the pack's manifest, its caps, and reading it strictly;
- :mod:`reader.packs.zipstream`: a forward-only ZIP reader that trusts nothing;
- :mod:`reader.packs.reading`: one verified pass over a pack (``info``, and before import);
- :mod:`reader.packs.export`: writing a pack, deterministically;
- :mod:`reader.packs.importer`: the verified, atomic, reversible import;
- :mod:`reader.packs.dates`: the content's date, and dates in French;
- :mod:`reader.packs.offer`: a newer pack lying beside the program (portable mode).

Pure Python, no Qt: the CLI (:mod:`reader.cli.pack`) and the window call the same
functions.
"""
