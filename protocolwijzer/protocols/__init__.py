"""Protocol versions as stored in the database, their articles, and the pages that show them."""
