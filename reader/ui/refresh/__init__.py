"""The refresh part: update from the wiki, go back to the previous content, preferences."""
