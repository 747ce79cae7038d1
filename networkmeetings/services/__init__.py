"""Writes of the network-meetings app, by topic. Import the functions from their modules."""
