"""Writes of the indicators app: the catalogue and packages, imports per source, links to phenomena and
the platform's own figures."""
