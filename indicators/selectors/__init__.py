"""Reads of the indicators app."""
