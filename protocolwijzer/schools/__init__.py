"""Stichtingen, schools, groups and the people in them."""
