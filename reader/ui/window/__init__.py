"""The main window: layout and wiring of the parts, and its status bar."""
