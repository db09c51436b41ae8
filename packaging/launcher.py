"""Entry script of the PyInstaller bundle: the same ``main()`` as the ``faq-reader`` command."""

import sys

from reader.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A big library's search index is built in a spawned process (reader.search.build):
        # in the bundle, that process starts this very launcher, which must run the build
        # and not the app.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
