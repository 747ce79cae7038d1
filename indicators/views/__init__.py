"""Pages of the indicators app: the catalogue, dashboards, the municipality comparison, import runs and the
panel on a phenomenon's page."""
