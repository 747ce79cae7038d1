"""Pages of the network-meetings app, a module per topic."""
