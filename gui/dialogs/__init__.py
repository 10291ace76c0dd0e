"""Small modal dialogs; each is one function so tests can patch it."""
