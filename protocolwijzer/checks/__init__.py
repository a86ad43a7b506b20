"""The checker: is this post allowed under our protocol? Pages, API, uploads and results."""
