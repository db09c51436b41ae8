"""The commands part: menus, actions, and the About, content and log dialogs."""
