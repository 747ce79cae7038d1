"""Reads of the network-meetings app, by topic."""
