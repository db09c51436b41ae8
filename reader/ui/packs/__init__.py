"""The content packs in the window: Fichier → export and import, and the offer at start."""
