"""The answer part: the answer view, find bar, links to files, printing and PDF."""
